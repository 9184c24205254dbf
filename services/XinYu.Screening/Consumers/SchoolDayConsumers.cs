using XinYu.Contracts;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Inbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Consumers;

// The school calendar and the duty rota, for ContactDay: when a student in crisis will hear from the counsellor.

/// <summary>Learns the bureau's terms from Calendar.</summary>
public sealed class TermScheduledConsumer(ScreeningDbContext db) : TermScheduledCopyConsumer<ScreeningDbContext, KnownTerm>(db);

/// <summary>Learns a year's official holidays and make-up working days from Calendar: the latest list is the year's.</summary>
public sealed class HolidayListSetConsumer(ScreeningDbContext db) : LocalCopyConsumer<HolidayListSet, ScreeningDbContext, KnownHolidayList>(db)
{
    protected override object[] KeyOf(HolidayListSet m) =>
        m.Year is < 2000 or > 2100 || m.Days.Any(d => d.Date.Year != m.Year)
            ? throw new InvalidMessageException("HolidayListSet with a day outside its year.")
            : [m.BureauId, m.Year];

    protected override void Update(KnownHolidayList list, HolidayListSet m)
    {
        (list.BureauId, list.Year) = (m.BureauId, m.Year);
        list.Holidays = m.Days.Where(d => d.Kind == DayKind.Holiday).Select(d => d.Date).Order().ToArray();
        list.Workdays = m.Days.Where(d => d.Kind == DayKind.Workday).Select(d => d.Date).Order().ToArray();
    }
}

/// <summary>Learns the schools' duty rotas from Records.</summary>
public sealed class DutySlotScheduledConsumer(ScreeningDbContext db) : LocalCopyConsumer<DutySlotScheduled, ScreeningDbContext, KnownDutySlot>(db)
{
    protected override object[] KeyOf(DutySlotScheduled m) =>
        m.EndsAt <= m.StartsAt ? throw new InvalidMessageException("DutySlotScheduled ending before it starts.") : [m.SlotId];

    protected override void Update(KnownDutySlot slot, DutySlotScheduled m) =>
        (slot.SlotId, slot.BureauId, slot.SchoolId, slot.Date, slot.StartsAt, slot.EndsAt) =
            (m.SlotId, m.BureauId, m.RequiredSchoolId(), m.Date, m.StartsAt, m.EndsAt);
}

/// <summary>
/// A slot taken off the rota. The copy's latest event wins, so a cancellation that arrives before the slot's own
/// DutySlotScheduled leaves a cancelled row the older scheduling does not bring back.
/// </summary>
public sealed class DutySlotCancelledConsumer(ScreeningDbContext db) : LocalCopyConsumer<DutySlotCancelled, ScreeningDbContext, KnownDutySlot>(db)
{
    protected override object[] KeyOf(DutySlotCancelled m) => [m.SlotId];

    protected override void Update(KnownDutySlot slot, DutySlotCancelled m)
    {
        (slot.SlotId, slot.BureauId, slot.SchoolId, slot.Cancelled) = (m.SlotId, m.BureauId, m.RequiredSchoolId(), true);
    }
}
