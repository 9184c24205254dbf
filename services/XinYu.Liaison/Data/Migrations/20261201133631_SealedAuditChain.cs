using System;
using Microsoft.EntityFrameworkCore.Migrations;
using XinYu.ServiceDefaults.Auditing;

#nullable disable

namespace XinYu.Liaison.Data.Migrations
{
    /// <inheritdoc />
    public partial class SealedAuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "last_sequence",
                table: "audit_head",
                newName: "last_position");

            migrationBuilder.AlterColumn<string>(
                name: "previous_hash",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "hash",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<Guid>(
                name: "bureau_id",
                table: "audit_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "chain_position",
                table: "audit_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_bureau_id_sequence",
                table: "audit_entries",
                columns: new[] { "bureau_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_chain_position",
                table: "audit_entries",
                column: "chain_position",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_unsealed",
                table: "audit_entries",
                column: "sequence",
                filter: "hash IS NULL");

            // Insert without the chain's lock, seal later with the HMAC key; rows of the first chain are re-sealed.
            migrationBuilder.AddSealedAuditTrail();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The first chain cannot be rebuilt: its hashes were replaced by keyed ones.
            throw new NotSupportedException("The sealed audit chain cannot be migrated back to the unkeyed one.");
#pragma warning disable CS0162 // kept as EF Core wrote it
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_bureau_id_sequence",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_chain_position",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_unsealed",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "bureau_id",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "chain_position",
                table: "audit_entries");

            migrationBuilder.RenameColumn(
                name: "last_position",
                table: "audit_head",
                newName: "last_sequence");

            migrationBuilder.AlterColumn<string>(
                name: "previous_hash",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "hash",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);
#pragma warning restore CS0162
        }
    }
}
