using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Calendar.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    class_id = table.Column<Guid>(type: "uuid", nullable: true),
                    presenter_staff_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    registered_staff_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: true),
                    held_duration_minutes = table.Column<int>(type: "integer", nullable: true),
                    held_presenter_staff_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: true),
                    attendance = table.Column<int>(type: "integer", nullable: true),
                    reminder_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "feed_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_school_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: true),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: true),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feed_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "known_schools",
                columns: table => new
                {
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    learned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_schools", x => x.school_id);
                });

            migrationBuilder.CreateTable(
                name: "official_holidays",
                columns: table => new
                {
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_official_holidays", x => new { x.bureau_id, x.date });
                });

            migrationBuilder.CreateTable(
                name: "terms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_year = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_terms", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_events_bureau_id_school_id_starts_at",
                table: "events",
                columns: new[] { "bureau_id", "school_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "IX_events_starts_at",
                table: "events",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "IX_exams_bureau_id_school_year",
                table: "exams",
                columns: new[] { "bureau_id", "school_year" });

            migrationBuilder.CreateIndex(
                name: "IX_feed_subscriptions_owner_subject",
                table: "feed_subscriptions",
                column: "owner_subject");

            migrationBuilder.CreateIndex(
                name: "IX_feed_subscriptions_token_hash",
                table: "feed_subscriptions",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_official_holidays_bureau_id_year",
                table: "official_holidays",
                columns: new[] { "bureau_id", "year" });

            migrationBuilder.CreateIndex(
                name: "IX_terms_bureau_id_school_year_number",
                table: "terms",
                columns: new[] { "bureau_id", "school_year", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "exams");

            migrationBuilder.DropTable(
                name: "feed_subscriptions");

            migrationBuilder.DropTable(
                name: "known_schools");

            migrationBuilder.DropTable(
                name: "official_holidays");

            migrationBuilder.DropTable(
                name: "terms");
        }
    }
}
