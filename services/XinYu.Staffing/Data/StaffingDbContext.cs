using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Data;

/// <summary>The staffing service's own database (<c>staffingdb</c>); no other service reads it.</summary>
public sealed class StaffingDbContext(DbContextOptions<StaffingDbContext> options) : DbContext(options)
{
    public DbSet<School> Schools => Set<School>();
    public DbSet<SchoolClass> Classes => Set<SchoolClass>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<ClassAssignment> Assignments => Set<ClassAssignment>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<WorkloadEntry> WorkloadEntries => Set<WorkloadEntry>();
    public DbSet<HeldActivity> HeldActivities => Set<HeldActivity>();
    public DbSet<RosterStudent> Roster => Set<RosterStudent>();
    public DbSet<Mentorship> Mentorships => Set<Mentorship>();
    public DbSet<KnownAccount> KnownAccounts => Set<KnownAccount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddDirectoryTables();
        modelBuilder.AddStaffingTables();
    }
}
