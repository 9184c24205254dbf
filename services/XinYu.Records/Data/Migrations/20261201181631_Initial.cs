using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using XinYu.ServiceDefaults.Auditing;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace XinYu.Records.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    chain_position = table.Column<long>(type: "bigint", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    actor_roles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    resource_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    resource_id = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    student_id = table.Column<Guid>(type: "uuid", nullable: true),
                    school_id = table.Column<Guid>(type: "uuid", nullable: true),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: true),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    correlation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "audit_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    last_position = table.Column<long>(type: "bigint", nullable: false),
                    last_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_head", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "counselling_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    counsellor_staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    student_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: false),
                    follow_up = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    follow_up_on = table.Column<DateOnly>(type: "date", nullable: true),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    imported_from = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_counselling_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "duty_slots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    counsellor_staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    starts_at = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    ends_at = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_slots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exchange_keys",
                columns: table => new
                {
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    private_key = table.Column<string>(type: "text", nullable: false),
                    public_key = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exchange_keys", x => new { x.bureau_id, x.purpose });
                });

            migrationBuilder.CreateTable(
                name: "exchange_partners",
                columns: table => new
                {
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    signing_public_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    agreement_public_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    added_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exchange_partners", x => new { x.bureau_id, x.partner_bureau_id });
                });

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

            migrationBuilder.CreateTable(
                name: "hand_over_receipts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hand_over_id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    from_school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    handed_over_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    handed_over_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hand_over_receipts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "known_classes",
                columns: table => new
                {
                    class_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    grade = table.Column<int>(type: "integer", nullable: false),
                    entry_year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    closed = table.Column<bool>(type: "boolean", nullable: false),
                    source_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_events = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_classes", x => x.class_id);
                });

            migrationBuilder.CreateTable(
                name: "known_schools",
                columns: table => new
                {
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    learned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_events = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_schools", x => x.school_id);
                });

            migrationBuilder.CreateTable(
                name: "known_staff",
                columns: table => new
                {
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: true),
                    roles = table.Column<List<string>>(type: "text[]", nullable: false),
                    learned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_events = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_staff", x => x.staff_id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    aggregate_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    traceparent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    tracestate = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "students",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    class_id = table.Column<Guid>(type: "uuid", nullable: false),
                    grade = table.Column<int>(type: "integer", nullable: false),
                    national_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    gender = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    left_reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_students", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "timeline_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    section = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    duty_slot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    counsellor_staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_for = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appointments", x => x.id);
                    table.ForeignKey(
                        name: "FK_appointments_duty_slots_duty_slot_id",
                        column: x => x.duty_slot_id,
                        principalTable: "duty_slots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_appointments_students_student_id",
                        column: x => x.student_id,
                        principalTable: "students",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "file_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    section = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    corrects = table.Column<Guid>(type: "uuid", nullable: true),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_file_entries", x => x.id);
                    table.ForeignKey(
                        name: "FK_file_entries_students_student_id",
                        column: x => x.student_id,
                        principalTable: "students",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "guardians",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    relation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    phone = table.Column<string>(type: "text", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guardians", x => x.id);
                    table.ForeignKey(
                        name: "FK_guardians_students_student_id",
                        column: x => x.student_id,
                        principalTable: "students",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agency_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    granted = table.Column<bool>(type: "boolean", nullable: false),
                    guardian_id = table.Column<Guid>(type: "uuid", nullable: false),
                    method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    given_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consents", x => x.id);
                    table.ForeignKey(
                        name: "FK_consents_guardians_guardian_id",
                        column: x => x.guardian_id,
                        principalTable: "guardians",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_consents_students_student_id",
                        column: x => x.student_id,
                        principalTable: "students",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_one_per_slot",
                table: "appointments",
                column: "duty_slot_id",
                unique: true,
                filter: "status IN ('requested', 'confirmed')");

            migrationBuilder.CreateIndex(
                name: "IX_appointments_school_id_student_id",
                table: "appointments",
                columns: new[] { "school_id", "student_id" });

            migrationBuilder.CreateIndex(
                name: "IX_appointments_student_id",
                table: "appointments",
                column: "student_id");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_actor_id_occurred_at",
                table: "audit_entries",
                columns: new[] { "actor_id", "occurred_at" });

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
                name: "IX_audit_entries_student_id_occurred_at",
                table: "audit_entries",
                columns: new[] { "student_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_unsealed",
                table: "audit_entries",
                column: "sequence",
                filter: "hash IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_consents_guardian_id",
                table: "consents",
                column: "guardian_id");

            migrationBuilder.CreateIndex(
                name: "IX_consents_student_id_purpose_given_at",
                table: "consents",
                columns: new[] { "student_id", "purpose", "given_at" });

            migrationBuilder.CreateIndex(
                name: "IX_counselling_sessions_imported_from",
                table: "counselling_sessions",
                column: "imported_from");

            migrationBuilder.CreateIndex(
                name: "IX_counselling_sessions_school_id_held_on",
                table: "counselling_sessions",
                columns: new[] { "school_id", "held_on" });

            migrationBuilder.CreateIndex(
                name: "IX_counselling_sessions_student_ids",
                table: "counselling_sessions",
                column: "student_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_duty_slots_counsellor_staff_id_date_starts_at",
                table: "duty_slots",
                columns: new[] { "counsellor_staff_id", "date", "starts_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_duty_slots_school_id_date",
                table: "duty_slots",
                columns: new[] { "school_id", "date" });

            migrationBuilder.CreateIndex(
                name: "IX_file_entries_student_id_recorded_at",
                table: "file_entries",
                columns: new[] { "student_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "IX_guardians_student_id",
                table: "guardians",
                column: "student_id");

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

            migrationBuilder.CreateIndex(
                name: "IX_hand_over_receipts_hand_over_id_direction",
                table: "hand_over_receipts",
                columns: new[] { "hand_over_id", "direction" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hand_over_receipts_school_id_handed_over_at",
                table: "hand_over_receipts",
                columns: new[] { "school_id", "handed_over_at" });

            migrationBuilder.CreateIndex(
                name: "IX_known_classes_school_id",
                table: "known_classes",
                column: "school_id");

            migrationBuilder.CreateIndex(
                name: "IX_known_classes_school_id_name",
                table: "known_classes",
                columns: new[] { "school_id", "name" },
                unique: true,
                filter: "name IS NOT NULL AND NOT closed");

            migrationBuilder.CreateIndex(
                name: "IX_known_schools_bureau_id",
                table: "known_schools",
                column: "bureau_id");

            migrationBuilder.CreateIndex(
                name: "IX_known_staff_bureau_id_school_id",
                table: "known_staff",
                columns: new[] { "bureau_id", "school_id" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_unsent",
                table: "outbox_messages",
                column: "sequence",
                filter: "sent_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_students_bureau_id_national_number",
                table: "students",
                columns: new[] { "bureau_id", "national_number" },
                unique: true,
                filter: "national_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_students_school_id_class_id",
                table: "students",
                columns: new[] { "school_id", "class_id" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_student_id_occurred_at",
                table: "timeline_entries",
                columns: new[] { "student_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_student_id_source_event_id",
                table: "timeline_entries",
                columns: new[] { "student_id", "source_event_id" },
                unique: true);

            // The audit trail's triggers and sequence (append-only, sealed later by the service): not in EF Core's model.
            migrationBuilder.AddSealedAuditTrail();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appointments");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "audit_head");

            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropTable(
                name: "counselling_sessions");

            migrationBuilder.DropTable(
                name: "exchange_keys");

            migrationBuilder.DropTable(
                name: "exchange_partners");

            migrationBuilder.DropTable(
                name: "file_entries");

            migrationBuilder.DropTable(
                name: "hand_over_proposals");

            migrationBuilder.DropTable(
                name: "hand_over_receipts");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "known_classes");

            migrationBuilder.DropTable(
                name: "known_schools");

            migrationBuilder.DropTable(
                name: "known_staff");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "timeline_entries");

            migrationBuilder.DropTable(
                name: "duty_slots");

            migrationBuilder.DropTable(
                name: "guardians");

            migrationBuilder.DropTable(
                name: "students");
        }
    }
}
