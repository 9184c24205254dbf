using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Calendar.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventCancellation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cancelled_at",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "events");
        }
    }
}
