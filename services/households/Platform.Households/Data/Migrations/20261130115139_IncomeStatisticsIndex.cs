using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Households.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncomeStatisticsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_income_records_year_kind_household_id",
                table: "income_records",
                columns: new[] { "year", "kind", "household_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_income_records_year_kind_household_id",
                table: "income_records");
        }
    }
}
