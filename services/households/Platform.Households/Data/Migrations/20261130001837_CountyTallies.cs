using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Households.Data.Migrations
{
    /// <inheritdoc />
    public partial class CountyTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "helper_tallies",
                columns: table => new
                {
                    kind = table.Column<int>(type: "integer", nullable: false),
                    paired = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_helper_tallies", x => x.kind);
                });

            migrationBuilder.CreateTable(
                name: "household_tallies",
                columns: table => new
                {
                    village_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    exit_year = table.Column<int>(type: "integer", nullable: false),
                    households = table.Column<long>(type: "bigint", nullable: false),
                    people = table.Column<long>(type: "bigint", nullable: false),
                    paired = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_household_tallies", x => new { x.village_id, x.status, x.exit_year });
                });

            // The tallies are the database's to keep, in the transaction of every change, whatever writes it (EF, COPY,
            // a set-based UPDATE): statement triggers add what the statement's new rows count and take away what its old
            // rows counted, grouped; a row only touched (updated_at) nets to nothing and locks no tally.
            migrationBuilder.Sql("""
                CREATE FUNCTION household_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO household_tallies AS t (village_id, status, exit_year, households, people, paired)
                        SELECT village_id, status, coalesce(exit_year, 0), count(*), sum(size), count(*) FILTER (WHERE helpers > 0)
                        FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                        ON CONFLICT (village_id, status, exit_year) DO UPDATE
                        SET households = t.households + excluded.households, people = t.people + excluded.people, paired = t.paired + excluded.paired;
                    ELSIF TG_OP = 'UPDATE' THEN
                        INSERT INTO household_tallies AS t (village_id, status, exit_year, households, people, paired)
                        SELECT village_id, status, exit_year, sum(households), sum(people), sum(paired)
                        FROM (SELECT village_id, status, coalesce(exit_year, 0) AS exit_year, 1 AS households, size AS people, (helpers > 0)::int AS paired FROM new_rows
                              UNION ALL
                              SELECT village_id, status, coalesce(exit_year, 0), -1, -size, -(helpers > 0)::int FROM old_rows) AS d
                        GROUP BY 1, 2, 3 HAVING sum(households) <> 0 OR sum(people) <> 0 OR sum(paired) <> 0 ORDER BY 1, 2, 3
                        ON CONFLICT (village_id, status, exit_year) DO UPDATE
                        SET households = t.households + excluded.households, people = t.people + excluded.people, paired = t.paired + excluded.paired;
                    ELSE
                        INSERT INTO household_tallies AS t (village_id, status, exit_year, households, people, paired)
                        SELECT village_id, status, coalesce(exit_year, 0), -count(*), -sum(size), -count(*) FILTER (WHERE helpers > 0)
                        FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                        ON CONFLICT (village_id, status, exit_year) DO UPDATE
                        SET households = t.households + excluded.households, people = t.people + excluded.people, paired = t.paired + excluded.paired;
                    END IF;
                    RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER households_tally_insert AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tallies_apply();
                CREATE TRIGGER households_tally_update AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tallies_apply();
                CREATE TRIGGER households_tally_delete AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tallies_apply();
                INSERT INTO household_tallies (village_id, status, exit_year, households, people, paired)
                SELECT village_id, status, coalesce(exit_year, 0), count(*), sum(size), count(*) FILTER (WHERE helpers > 0) FROM households GROUP BY 1, 2, 3;

                -- A helper's pairings not yet ended (database-only: the application counts them by query in a scope), and the
                -- county's paired helpers by kind from it.
                ALTER TABLE cadres ADD COLUMN active_pairings integer NOT NULL DEFAULT 0;
                UPDATE cadres c SET active_pairings = (SELECT count(*) FROM pairings p WHERE p.cadre_id = c.id AND p."to" IS NULL);
                CREATE FUNCTION cadre_pairings_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        UPDATE cadres c SET active_pairings = c.active_pairings + d.n
                        FROM (SELECT cadre_id, count(*) AS n FROM new_rows WHERE "to" IS NULL GROUP BY 1 ORDER BY 1) AS d WHERE c.id = d.cadre_id;
                    ELSIF TG_OP = 'UPDATE' THEN
                        UPDATE cadres c SET active_pairings = c.active_pairings + d.n
                        FROM (SELECT cadre_id, sum(n) AS n FROM (SELECT cadre_id, ("to" IS NULL)::int AS n FROM new_rows
                                                                 UNION ALL SELECT cadre_id, -("to" IS NULL)::int FROM old_rows) AS x
                              GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1) AS d
                        WHERE c.id = d.cadre_id;
                    ELSE
                        UPDATE cadres c SET active_pairings = c.active_pairings - d.n
                        FROM (SELECT cadre_id, count(*) AS n FROM old_rows WHERE "to" IS NULL GROUP BY 1 ORDER BY 1) AS d WHERE c.id = d.cadre_id;
                    END IF;
                    RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER pairings_count_insert AFTER INSERT ON pairings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cadre_pairings_apply();
                CREATE TRIGGER pairings_count_update AFTER UPDATE ON pairings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cadre_pairings_apply();
                CREATE TRIGGER pairings_count_delete AFTER DELETE ON pairings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cadre_pairings_apply();

                CREATE FUNCTION helper_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    INSERT INTO helper_tallies AS t (kind, paired)
                    SELECT kind, sum(n) FROM (
                        SELECT kind, (active_pairings > 0)::int AS n FROM new_rows
                        UNION ALL
                        SELECT kind, -(active_pairings > 0)::int FROM old_rows) AS d
                    GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1
                    ON CONFLICT (kind) DO UPDATE SET paired = t.paired + excluded.paired;
                    RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER cadres_tally_update AFTER UPDATE ON cadres REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION helper_tallies_apply();
                INSERT INTO helper_tallies (kind, paired) SELECT kind, count(*) FROM cadres WHERE active_pairings > 0 GROUP BY 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER cadres_tally_update ON cadres;
                DROP FUNCTION helper_tallies_apply();
                DROP TRIGGER pairings_count_insert ON pairings;
                DROP TRIGGER pairings_count_update ON pairings;
                DROP TRIGGER pairings_count_delete ON pairings;
                DROP FUNCTION cadre_pairings_apply();
                ALTER TABLE cadres DROP COLUMN active_pairings;
                DROP TRIGGER households_tally_insert ON households;
                DROP TRIGGER households_tally_update ON households;
                DROP TRIGGER households_tally_delete ON households;
                DROP FUNCTION household_tallies_apply();
                """);
            migrationBuilder.DropTable(
                name: "helper_tallies");

            migrationBuilder.DropTable(
                name: "household_tallies");
        }
    }
}
