using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Households.Data.Migrations
{
    /// <inheritdoc />
    public partial class HouseholdSizeFormHelpersHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ending",
                table: "monitoring_flags",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "size",
                table: "households",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // 家庭人口 on the row: the current members of each household registered before the column existed.
            migrationBuilder.Sql("UPDATE households h SET size = (SELECT count(*) FROM members m WHERE m.household_id = h.id AND m.removed_at IS NULL)");

            // Flags removed before the ending was recorded were removed as risks eliminated (the only way then).
            migrationBuilder.Sql("UPDATE monitoring_flags SET ending = 1 WHERE removed_on IS NOT NULL");

            migrationBuilder.CreateTable(
                name: "campaign_history_imports",
                columns: table => new
                {
                    village_id = table.Column<int>(type: "integer", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_ref = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    digest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    imported_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_history_imports", x => x.village_id);
                    table.ForeignKey(
                        name: "fk_campaign_history_imports_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_history_imports_id",
                table: "campaign_history_imports",
                column: "id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_history_imports");

            migrationBuilder.DropColumn(
                name: "ending",
                table: "monitoring_flags");

            migrationBuilder.DropColumn(
                name: "size",
                table: "households");
        }
    }
}
