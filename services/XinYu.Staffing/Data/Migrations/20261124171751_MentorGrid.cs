using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Staffing.Data.Migrations
{
    /// <inheritdoc />
    public partial class MentorGrid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mentorships",
                columns: table => new
                {
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mentorships", x => x.student_id);
                    table.ForeignKey(
                        name: "FK_mentorships_staff_staff_id",
                        column: x => x.staff_id,
                        principalTable: "staff",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "roster_students",
                columns: table => new
                {
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    class_id = table.Column<Guid>(type: "uuid", nullable: false),
                    grade = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_students", x => x.student_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mentorships_school_id_staff_id",
                table: "mentorships",
                columns: new[] { "school_id", "staff_id" });

            migrationBuilder.CreateIndex(
                name: "IX_mentorships_staff_id",
                table: "mentorships",
                column: "staff_id");

            migrationBuilder.CreateIndex(
                name: "IX_roster_students_school_id",
                table: "roster_students",
                column: "school_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mentorships");

            migrationBuilder.DropTable(
                name: "roster_students");
        }
    }
}
