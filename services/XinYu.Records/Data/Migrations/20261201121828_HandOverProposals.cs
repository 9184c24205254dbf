using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinYu.Records.Data.Migrations
{
    /// <inheritdoc />
    public partial class HandOverProposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "approved_by",
                table: "hand_over_receipts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "hand_over_proposals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_class_id = table.Column<Guid>(type: "uuid", nullable: true),
                    proposed_by_side = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    hand_over_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hand_over_proposals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hand_over_proposals_from_school_id_status",
                table: "hand_over_proposals",
                columns: new[] { "from_school_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_hand_over_proposals_student_id",
                table: "hand_over_proposals",
                column: "student_id",
                unique: true,
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "IX_hand_over_proposals_to_school_id_status",
                table: "hand_over_proposals",
                columns: new[] { "to_school_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hand_over_proposals");

            migrationBuilder.DropColumn(
                name: "approved_by",
                table: "hand_over_receipts");
        }
    }
}
