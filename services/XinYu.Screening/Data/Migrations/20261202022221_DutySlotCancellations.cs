using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Screening.Data.Migrations
{
    /// <inheritdoc />
    public partial class DutySlotCancellations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "cancelled",
                table: "known_duty_slots",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cancelled",
                table: "known_duty_slots");
        }
    }
}
