using XinYu.Messaging.Directory;
using XinYu.Screening.Data;

namespace XinYu.Screening.Consumers;

/// <summary>Learns the directory's staff, so a plan's person in charge is a real staff member of the student's school.</summary>
public sealed class StaffRegisteredConsumer(ScreeningDbContext db, TimeProvider clock) : KnownStaffConsumer<ScreeningDbContext>(db, clock);
