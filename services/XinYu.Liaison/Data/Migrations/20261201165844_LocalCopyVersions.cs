using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Liaison.Data.Migrations
{
    /// <inheritdoc />
    public partial class LocalCopyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "source_changed_at",
                table: "roster_students",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "roster_students",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "source_changed_at",
                table: "known_terms",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "known_terms",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "source_changed_at",
                table: "known_staff",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "known_staff",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "source_changed_at",
                table: "known_schools",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "known_schools",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "source_changed_at",
                table: "known_classes",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "known_classes",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "roster_students");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "roster_students");

            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "known_terms");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "known_terms");

            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "known_staff");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "known_staff");

            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "known_schools");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "known_schools");

            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "known_classes");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "known_classes");
        }
    }
}
