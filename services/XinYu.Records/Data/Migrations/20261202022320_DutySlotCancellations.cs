using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Records.Data.Migrations
{
    /// <inheritdoc />
    public partial class DutySlotCancellations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_duty_slots_counsellor_staff_id_date_starts_at",
                table: "duty_slots");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cancelled_at",
                table: "duty_slots",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancelled_by",
                table: "duty_slots",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_duty_slots_counsellor_staff_id_date_starts_at",
                table: "duty_slots",
                columns: new[] { "counsellor_staff_id", "date", "starts_at" },
                unique: true,
                filter: "cancelled_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_duty_slots_counsellor_staff_id_date_starts_at",
                table: "duty_slots");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "duty_slots");

            migrationBuilder.DropColumn(
                name: "cancelled_by",
                table: "duty_slots");

            migrationBuilder.CreateIndex(
                name: "IX_duty_slots_counsellor_staff_id_date_starts_at",
                table: "duty_slots",
                columns: new[] { "counsellor_staff_id", "date", "starts_at" },
                unique: true);
        }
    }
}
