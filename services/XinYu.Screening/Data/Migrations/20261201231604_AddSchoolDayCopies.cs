using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Screening.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddSchoolDayCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "known_duty_slots",
                columns: table => new
                {
                    slot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    starts_at = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    ends_at = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    source_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_events = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_duty_slots", x => x.slot_id);
                });

            migrationBuilder.CreateTable(
                name: "known_holiday_lists",
                columns: table => new
                {
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    holidays = table.Column<DateOnly[]>(type: "date[]", nullable: false),
                    workdays = table.Column<DateOnly[]>(type: "date[]", nullable: false),
                    source_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_events = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_holiday_lists", x => new { x.bureau_id, x.year });
                });

            migrationBuilder.CreateTable(
                name: "known_terms",
                columns: table => new
                {
                    term_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_events = table.Column<int>(type: "integer", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_year = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_terms", x => x.term_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_known_duty_slots_school_id_date",
                table: "known_duty_slots",
                columns: new[] { "school_id", "date" });

            migrationBuilder.CreateIndex(
                name: "IX_known_terms_bureau_id",
                table: "known_terms",
                column: "bureau_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "known_duty_slots");

            migrationBuilder.DropTable(
                name: "known_holiday_lists");

            migrationBuilder.DropTable(
                name: "known_terms");
        }
    }
}
