using XinYu.Calendar.Data;
using XinYu.Messaging.Directory;

namespace XinYu.Calendar.Consumers;

/// <summary>Learns the directory's staff, so an event's presenters and registrants, and a teacher feed, name real staff of the caller's school.</summary>
public sealed class StaffRegisteredConsumer(CalendarDbContext db, TimeProvider clock) : KnownStaffConsumer<CalendarDbContext>(db, clock);
