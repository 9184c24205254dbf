using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using XinYu.ServiceDefaults.Auditing;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace XinYu.Liaison.Data.Migrations
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
                name: "guardian_notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceEventId = table.Column<Guid>(type: "uuid", nullable: false),
                    WarningId = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: true),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    InformedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guardian_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "home_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    VisitorStaffIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Met = table.Column<List<string>>(type: "text[]", nullable: false),
                    Topics = table.Column<List<string>>(type: "text[]", nullable: false),
                    FollowUps = table.Column<string>(type: "text", nullable: false),
                    Notes = table.Column<string>(type: "text", nullable: false),
                    SpecialVisitId = table.Column<Guid>(type: "uuid", nullable: true),
                    GuardianInformed = table.Column<bool>(type: "boolean", nullable: true),
                    GuardianSeeksTreatment = table.Column<bool>(type: "boolean", nullable: true),
                    GuardianEnsuresSafety = table.Column<bool>(type: "boolean", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_home_visits", x => x.Id);
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
                name: "joint_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    SharedWith = table.Column<List<string>>(type: "text[]", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joint_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joint_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AgencyIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    Minutes = table.Column<string>(type: "text", nullable: false),
                    Decisions = table.Column<string>(type: "text", nullable: false),
                    FollowUps = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joint_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "known_classes",
                columns: table => new
                {
                    ClassId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<bool>(type: "boolean", nullable: false),
                    source_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_events = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_classes", x => x.ClassId);
                });

            migrationBuilder.CreateTable(
                name: "known_schools",
                columns: table => new
                {
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    source_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_events = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_schools", x => x.SchoolId);
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
                name: "known_terms",
                columns: table => new
                {
                    TermId = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    source_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_events = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_terms", x => x.TermId);
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
                name: "parent_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MentalHealth = table.Column<bool>(type: "boolean", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    ClassIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parent_activities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "partner_agencies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partner_agencies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "planned_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PlannedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PlannedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planned_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "roster_students",
                columns: table => new
                {
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: false),
                    Left = table.Column<bool>(type: "boolean", nullable: false),
                    source_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_events = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_students", x => x.StudentId);
                });

            migrationBuilder.CreateTable(
                name: "special_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceEventId = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: true),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ToLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_special_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "parent_attendance",
                columns: table => new
                {
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: false),
                    Attended = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parent_attendance", x => new { x.ActivityId, x.ClassId });
                    table.ForeignKey(
                        name: "FK_parent_attendance_parent_activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "parent_activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "IX_guardian_notifications_SchoolId_InformedAt",
                table: "guardian_notifications",
                columns: new[] { "SchoolId", "InformedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_guardian_notifications_SourceEventId",
                table: "guardian_notifications",
                column: "SourceEventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_guardian_notifications_WarningId",
                table: "guardian_notifications",
                column: "WarningId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_home_visits_SchoolId_SchoolYear",
                table: "home_visits",
                columns: new[] { "SchoolId", "SchoolYear" });

            migrationBuilder.CreateIndex(
                name: "IX_home_visits_SpecialVisitId",
                table: "home_visits",
                column: "SpecialVisitId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_home_visits_StudentId_SchoolYear",
                table: "home_visits",
                columns: new[] { "StudentId", "SchoolYear" });

            migrationBuilder.CreateIndex(
                name: "IX_joint_cases_BureauId_SchoolId",
                table: "joint_cases",
                columns: new[] { "BureauId", "SchoolId" });

            migrationBuilder.CreateIndex(
                name: "IX_joint_meetings_BureauId_HeldOn",
                table: "joint_meetings",
                columns: new[] { "BureauId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_known_classes_SchoolId",
                table: "known_classes",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_known_schools_BureauId",
                table: "known_schools",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_known_staff_bureau_id_school_id",
                table: "known_staff",
                columns: new[] { "bureau_id", "school_id" });

            migrationBuilder.CreateIndex(
                name: "IX_known_terms_BureauId",
                table: "known_terms",
                column: "BureauId");

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
                name: "IX_parent_activities_SchoolId_SchoolYear",
                table: "parent_activities",
                columns: new[] { "SchoolId", "SchoolYear" });

            migrationBuilder.CreateIndex(
                name: "IX_partner_agencies_BureauId",
                table: "partner_agencies",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_planned_visits_ClassId_SchoolYear",
                table: "planned_visits",
                columns: new[] { "ClassId", "SchoolYear" });

            migrationBuilder.CreateIndex(
                name: "IX_roster_students_BureauId",
                table: "roster_students",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_students_SchoolId_ClassId",
                table: "roster_students",
                columns: new[] { "SchoolId", "ClassId" });

            migrationBuilder.CreateIndex(
                name: "IX_special_visits_SchoolId_CompletedAt",
                table: "special_visits",
                columns: new[] { "SchoolId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_special_visits_SourceEventId",
                table: "special_visits",
                column: "SourceEventId",
                unique: true);

            // The audit trail's triggers and sequence (append-only, sealed later by the service): not in EF Core's model.
            migrationBuilder.AddSealedAuditTrail();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "audit_head");

            migrationBuilder.DropTable(
                name: "guardian_notifications");

            migrationBuilder.DropTable(
                name: "home_visits");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "joint_cases");

            migrationBuilder.DropTable(
                name: "joint_meetings");

            migrationBuilder.DropTable(
                name: "known_classes");

            migrationBuilder.DropTable(
                name: "known_schools");

            migrationBuilder.DropTable(
                name: "known_staff");

            migrationBuilder.DropTable(
                name: "known_terms");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "parent_attendance");

            migrationBuilder.DropTable(
                name: "partner_agencies");

            migrationBuilder.DropTable(
                name: "planned_visits");

            migrationBuilder.DropTable(
                name: "roster_students");

            migrationBuilder.DropTable(
                name: "special_visits");

            migrationBuilder.DropTable(
                name: "parent_activities");
        }
    }
}
