using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Screening.Data.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpEscalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "escalated_at",
                table: "plan_follow_ups",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "escalated_at",
                table: "plan_follow_ups");
        }
    }
}
