using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Screening.Data.Migrations
{
    /// <inheritdoc />
    public partial class LocalCopyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "directory_updated_at",
                table: "students",
                newName: "source_changed_at");

            migrationBuilder.RenameColumn(
                name: "changed_at",
                table: "agency_clients",
                newName: "source_changed_at");

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "students",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "source_changed_at",
                table: "schools",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "schools",
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
                table: "classes",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "classes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "source_events",
                table: "agency_clients",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "source_events",
                table: "students");

            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "schools");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "schools");

            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "known_staff");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "known_staff");

            migrationBuilder.DropColumn(
                name: "source_changed_at",
                table: "classes");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "classes");

            migrationBuilder.DropColumn(
                name: "source_events",
                table: "agency_clients");

            migrationBuilder.RenameColumn(
                name: "source_changed_at",
                table: "students",
                newName: "directory_updated_at");

            migrationBuilder.RenameColumn(
                name: "source_changed_at",
                table: "agency_clients",
                newName: "changed_at");
        }
    }
}
