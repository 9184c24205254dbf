using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Data;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Data;

/// <summary>The screening service's own database (<c>screeningdb</c>); no other service reads it.</summary>
public sealed class ScreeningDbContext(DbContextOptions<ScreeningDbContext> options) : DbContext(options)
{
    public DbSet<InstrumentRecord> Instruments => Set<InstrumentRecord>();
    public DbSet<KnownSchool> Schools => Set<KnownSchool>();
    public DbSet<KnownClass> Classes => Set<KnownClass>();
    public DbSet<KnownAgencyClient> AgencyClients => Set<KnownAgencyClient>();
    public DbSet<Student> Students => Set<Student>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<Warning> Warnings => Set<Warning>();
    public DbSet<InterventionPlan> Plans => Set<InterventionPlan>();
    public DbSet<PlanFollowUp> FollowUps => Set<PlanFollowUp>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReturnAssessment> ReturnAssessments => Set<ReturnAssessment>();
    /// <summary>The directory's staff (ids and roles), so a plan's person in charge is checked against the student's school.</summary>
    public DbSet<KnownStaffMember> KnownStaff => Set<KnownStaffMember>();
    public DbSet<AnswerCode> AnswerCodes => Set<AnswerCode>();
    public DbSet<AnswerCodeFailures> AnswerCodeFailures => Set<AnswerCodeFailures>();
    public DbSet<KnownTerm> Terms => Set<KnownTerm>();
    public DbSet<KnownHolidayList> HolidayLists => Set<KnownHolidayList>();
    public DbSet<KnownDutySlot> DutySlots => Set<KnownDutySlot>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var protection = this.DataProtection(); // for the encrypted columns
        modelBuilder.AddMessagingTables();
        modelBuilder.AddAuditTrail(); // reads and changes of students' data
        modelBuilder.AddKnownStaff();
        modelBuilder.AddSchoolDayCopies(); // when a student in crisis will hear from the counsellor
        modelBuilder.Entity<InstrumentRecord>(e =>
        {
            e.ToTable("instruments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(32);
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Definition).HasColumnName("definition").HasColumnType("jsonb");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
            e.HasIndex(x => new { x.BureauId, x.Code, x.Version }).IsUnique();
        });
        modelBuilder.Entity<KnownSchool>(e =>
        {
            e.ToTable("schools");
            e.HasKey(x => x.SchoolId);
            e.Property(x => x.SchoolId).HasColumnName("school_id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.IsLocalCopy();
        });
        modelBuilder.Entity<KnownAgencyClient>(e =>
        {
            e.ToTable("agency_clients");
            e.HasKey(x => x.ClientId);
            e.Property(x => x.ClientId).HasColumnName("client_id").HasMaxLength(100);
            e.Property(x => x.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.DisabledAt).HasColumnName("disabled_at");
            e.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(200);
            e.Property(x => x.AgencyType).HasColumnName("agency_type").HasMaxLength(50);
            e.IsLocalCopy();
            e.HasIndex(x => new { x.BureauId, x.AgencyId });
        });
        modelBuilder.Entity<KnownClass>(e =>
        {
            e.ToTable("classes");
            e.HasKey(x => x.ClassId);
            e.Property(x => x.ClassId).HasColumnName("class_id").ValueGeneratedNever();
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.Grade).HasColumnName("grade");
            e.IsLocalCopy();
        });
        modelBuilder.Entity<Student>(e =>
        {
            e.ToTable("students");
            e.HasKey(x => x.StudentId);
            e.Property(x => x.StudentId).HasColumnName("student_id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.ClassId).HasColumnName("class_id");
            e.Property(x => x.Grade).HasColumnName("grade");
            e.Property(x => x.Active).HasColumnName("active");
            e.Ignore(x => x.Left); // the placement copy's flag, read through Active
            e.IsLocalCopy();
            e.Property(x => x.Level).HasColumnName("level").HasMaxLength(32);
            e.Property(x => x.LevelRank).HasColumnName("level_rank");
            e.Property(x => x.LevelSince).HasColumnName("level_since");
            e.Property(x => x.LevelReasons).HasColumnName("level_reasons");
            e.HasIndex(x => new { x.SchoolId, x.Grade });
            e.HasIndex(x => new { x.SchoolId, x.LevelRank });
        });
        modelBuilder.Entity<Consent>(e =>
        {
            e.ToTable("consents");
            e.HasKey(x => new { x.StudentId, x.Purpose });
            e.Property(x => x.StudentId).HasColumnName("student_id");
            e.Property(x => x.Purpose).HasColumnName("purpose").HasMaxLength(32);
            e.Property(x => x.Granted).HasColumnName("granted");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
        });
        modelBuilder.Entity<AnswerCode>(e =>
        {
            e.ToTable("answer_codes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.ClassId).HasColumnName("class_id");
            e.Property(x => x.CampaignId).HasColumnName("campaign_id");
            e.Property(x => x.StudentId).HasColumnName("student_id");
            e.Property(x => x.CodeHash).HasColumnName("code_hash");
            e.Property(x => x.IssuedAt).HasColumnName("issued_at");
            e.Property(x => x.IssuedBy).HasColumnName("issued_by").HasMaxLength(200);
            e.Property(x => x.RevokedAt).HasColumnName("revoked_at");
            e.Property(x => x.RevokedBy).HasColumnName("revoked_by").HasMaxLength(200);
            e.Property(x => x.UsedAt).HasColumnName("used_at");
            e.Property(x => x.SubmissionId).HasColumnName("submission_id");
            e.Property(x => x.CriticalItemAnswered).HasColumnName("critical_item_answered");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.RowVersion).IsRowVersion();
            // A redemption finds its code by campaign and hash; two equal codes in one campaign would be ambiguous.
            e.HasIndex(x => new { x.CampaignId, x.CodeHash }).IsUnique();
            e.HasIndex(x => new { x.CampaignId, x.ClassId });
            e.HasIndex(x => x.StudentId);
        });
        modelBuilder.Entity<AnswerCodeFailures>(e =>
        {
            e.ToTable("answer_code_failures");
            e.HasKey(x => new { x.CampaignId, x.WindowStart });
            e.Property(x => x.CampaignId).HasColumnName("campaign_id");
            e.Property(x => x.WindowStart).HasColumnName("window_start");
            e.Property(x => x.Failures).HasColumnName("failures");
        });
        modelBuilder.Entity<Campaign>(e =>
        {
            e.ToTable("campaigns");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
            e.Property(x => x.Instruments).HasColumnName("instruments");
            e.Property(x => x.SchoolIds).HasColumnName("school_ids");
            e.Property(x => x.Grades).HasColumnName("grades");
            e.Property(x => x.WindowStart).HasColumnName("window_start");
            e.Property(x => x.WindowEnd).HasColumnName("window_end");
            e.Property(x => x.Explanation).HasColumnName("explanation").HasMaxLength(2000);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
            e.HasIndex(x => x.BureauId);
        });
        modelBuilder.Entity<Submission>(e =>
        {
            e.ToTable("submissions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.ClassId).HasColumnName("class_id");
            e.Property(x => x.Grade).HasColumnName("grade");
            e.Property(x => x.StudentId).HasColumnName("student_id");
            e.Property(x => x.CampaignId).HasColumnName("campaign_id");
            e.Property(x => x.InstrumentCode).HasColumnName("instrument_code").HasMaxLength(32);
            e.Property(x => x.InstrumentVersion).HasColumnName("instrument_version");
            e.Property(x => x.Answers).HasColumnName("answers");
            e.Property(x => x.Total).HasColumnName("total");
            e.Property(x => x.Band).HasColumnName("band").HasMaxLength(32);
            e.Property(x => x.Level).HasColumnName("level").HasMaxLength(32);
            e.Property(x => x.CriticalItemAnswered).HasColumnName("critical_item_answered");
            e.Property(x => x.WarningId).HasColumnName("warning_id");
            e.Property(x => x.SubmittedAt).HasColumnName("submitted_at");
            e.Property(x => x.SubmittedBy).HasColumnName("submitted_by").HasMaxLength(200);
            e.HasIndex(x => new { x.CampaignId, x.SchoolId });
            e.HasIndex(x => x.StudentId);
        });
        modelBuilder.Entity<Warning>(e =>
        {
            e.ToTable("warnings");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.ClassId).HasColumnName("class_id");
            e.Property(x => x.StudentId).HasColumnName("student_id");
            e.Property(x => x.Level).HasColumnName("level").HasMaxLength(32);
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(20);
            e.Property(x => x.SubmissionId).HasColumnName("submission_id");
            e.Property(x => x.Tier).HasColumnName("tier").HasMaxLength(10);
            e.Property(x => x.TierSince).HasColumnName("tier_since");
            e.Property(x => x.RaisedAt).HasColumnName("raised_at");
            e.Property(x => x.RaisedBy).HasColumnName("raised_by").HasMaxLength(200);
            e.Property(x => x.AcknowledgedAt).HasColumnName("acknowledged_at");
            e.Property(x => x.AcknowledgedBy).HasColumnName("acknowledged_by").HasMaxLength(200);
            e.Property(x => x.Details).HasColumnName("details").IsProtected(protection, "XinYu.Screening.WarningDetails");
            e.Property(x => x.RowVersion).IsRowVersion();
            e.Ignore(x => x.IsOpen);
            e.HasIndex(x => new { x.SchoolId, x.AcknowledgedAt });
            e.HasIndex(x => new { x.AcknowledgedAt, x.TierSince });
            e.HasIndex(x => x.RaisedBy);
        });
        modelBuilder.Entity<InterventionPlan>(e =>
        {
            e.ToTable("plans");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.StudentId).HasColumnName("student_id");
            e.Property(x => x.OwnerStaffId).HasColumnName("owner_staff_id");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(10);
            e.Property(x => x.OnLeave).HasColumnName("on_leave");
            e.Property(x => x.OpenedAt).HasColumnName("opened_at");
            e.Property(x => x.OpenedBy).HasColumnName("opened_by").HasMaxLength(200);
            e.Property(x => x.ClosedAt).HasColumnName("closed_at");
            e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(20);
            // One open plan per student, kept true by the database under concurrent requests.
            e.HasIndex(x => x.StudentId).IsUnique().HasFilter("status = 'open'").HasDatabaseName("ix_plans_one_open_per_student");
            e.HasIndex(x => new { x.SchoolId, x.Status });
            e.HasMany(x => x.Actions).WithOne().HasForeignKey(a => a.PlanId);
            e.HasMany(x => x.FollowUps).WithOne().HasForeignKey(a => a.PlanId);
            e.HasMany(x => x.Reviews).WithOne().HasForeignKey(a => a.PlanId);
        });
        modelBuilder.Entity<PlanAction>(e =>
        {
            e.ToTable("plan_actions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.PlanId).HasColumnName("plan_id");
            e.Property(x => x.Text).HasColumnName("text").IsProtected(protection, "XinYu.Screening.PlanNotes");
            e.Property(x => x.AddedAt).HasColumnName("added_at");
        });
        modelBuilder.Entity<PlanFollowUp>(e =>
        {
            e.ToTable("plan_follow_ups");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.PlanId).HasColumnName("plan_id");
            e.Property(x => x.DueOn).HasColumnName("due_on");
            e.Property(x => x.DoneAt).HasColumnName("done_at");
            e.Property(x => x.DoneBy).HasColumnName("done_by").HasMaxLength(200);
            e.Property(x => x.Note).HasColumnName("note").IsProtected(protection, "XinYu.Screening.PlanNotes");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20);
            e.Property(x => x.EscalatedAt).HasColumnName("escalated_at");
            e.HasIndex(x => new { x.DoneAt, x.DueOn });
        });
        modelBuilder.Entity<PlanReview>(e =>
        {
            e.ToTable("plan_reviews");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.PlanId).HasColumnName("plan_id");
            e.Property(x => x.ReviewedAt).HasColumnName("reviewed_at");
            e.Property(x => x.ReviewedBy).HasColumnName("reviewed_by").HasMaxLength(200);
            e.Property(x => x.Note).HasColumnName("note").IsProtected(protection, "XinYu.Screening.PlanNotes");
            e.Property(x => x.LevelAfter).HasColumnName("level_after").HasMaxLength(32);
        });
        modelBuilder.Entity<Referral>(e =>
        {
            e.ToTable("referrals");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.StudentId).HasColumnName("student_id");
            e.Property(x => x.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
            e.Property(x => x.ReasonCode).HasColumnName("reason_code").HasMaxLength(32);
            e.Property(x => x.ReasonText).HasColumnName("reason_text").IsProtected(protection, "XinYu.Screening.ReferralReasons");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(10);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
            e.Property(x => x.AnsweredAt).HasColumnName("answered_at");
            e.HasIndex(x => new { x.AgencyId, x.BureauId });
            e.HasIndex(x => x.StudentId);
            e.HasMany(x => x.Feedback).WithOne().HasForeignKey(f => f.ReferralId);
        });
        modelBuilder.Entity<ReferralFeedback>(e =>
        {
            e.ToTable("referral_feedback");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.ReferralId).HasColumnName("referral_id");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20);
            e.Property(x => x.SeenOn).HasColumnName("seen_on");
            e.Property(x => x.Recommendation).HasColumnName("recommendation").HasMaxLength(32);
            e.Property(x => x.LeaveFrom).HasColumnName("leave_from");
            e.Property(x => x.LeaveUntil).HasColumnName("leave_until");
            e.Property(x => x.ReceivedAt).HasColumnName("received_at");
        });
        modelBuilder.Entity<ReturnAssessment>(e =>
        {
            e.ToTable("return_assessments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.StudentId).HasColumnName("student_id");
            e.Property(x => x.PlanId).HasColumnName("plan_id");
            e.Property(x => x.HospitalDocumentsReceived).HasColumnName("hospital_documents_received");
            e.Property(x => x.SafetyPlan).HasColumnName("safety_plan").IsProtected(protection, "XinYu.Screening.SafetyPlans");
            e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(10);
            e.Property(x => x.AssessedAt).HasColumnName("assessed_at");
            e.Property(x => x.AssessedBy).HasColumnName("assessed_by").HasMaxLength(200);
            e.HasIndex(x => x.StudentId);
        });
    }
}
