using XinYu.Liaison.Data;
using XinYu.Messaging.Directory;

namespace XinYu.Liaison.Consumers;

/// <summary>Learns the directory's staff, so a home visit's visitors are real staff of the student's school.</summary>
public sealed class StaffRegisteredConsumer(LiaisonDbContext db, TimeProvider clock) : KnownStaffConsumer<LiaisonDbContext>(db, clock);
