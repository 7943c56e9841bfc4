using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Education.Data.Migrations
{
    /// <inheritdoc />
    public partial class HouseholdMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "moved_at",
                table: "households",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "moved_at",
                table: "households");
        }
    }
}
