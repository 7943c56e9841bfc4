using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Households.Data.Migrations
{
    /// <inheritdoc />
    public partial class HouseholdHelpersOnRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "helpers",
                table: "households",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // 帮扶责任人 on the row: the pairings not yet ended of each household paired before the column existed.
            migrationBuilder.Sql("UPDATE households h SET helpers = (SELECT count(*) FROM pairings p WHERE p.household_id = h.id AND p.\"to\" IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "helpers",
                table: "households");
        }
    }
}
