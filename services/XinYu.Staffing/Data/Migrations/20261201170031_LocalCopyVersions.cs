using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Staffing.Data.Migrations
{
    /// <inheritdoc />
    public partial class LocalCopyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "source_changed_at",
                table: "terms",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "terms",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "left",
                table: "roster_students",
                type: "boolean",
                nullable: false,
                defaultValue: false);

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
                table: "known_accounts",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "known_accounts",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "terms");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "terms");

            migrationBuilder.DropColumn(
                name: "left",
                table: "roster_students");

            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "roster_students");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "roster_students");

            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "known_accounts");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "known_accounts");
        }
    }
}
