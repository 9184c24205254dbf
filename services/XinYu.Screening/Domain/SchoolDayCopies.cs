using XinYu.Messaging.Copies;

namespace XinYu.Screening.Domain;

// What Screening knows of the school calendar and the duty rota, to tell a student who answered a critical item when
// the school's counsellor will be in touch (ContactDay). Copies of Calendar's and Records' events.

/// <summary>A term of the bureau's school year (Calendar's TermScheduled).</summary>
public sealed class KnownTerm : TermCopy;

/// <summary>One year of the bureau's official holiday list (Calendar's HolidayListSet): the latest list replaces the year's.</summary>
public sealed class KnownHolidayList : LocalCopy
{
    public Guid BureauId { get; set; }
    public int Year { get; set; }
    public DateOnly[] Holidays { get; set; } = [];
    /// <summary>Make-up working days (调休) on a Saturday or Sunday.</summary>
    public DateOnly[] Workdays { get; set; } = [];
}

/// <summary>A counsellor's slot on the school's duty rota (Records' DutySlotScheduled), in the bureau's local time.</summary>
public sealed class KnownDutySlot : LocalCopy
{
    public Guid SlotId { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly StartsAt { get; set; }
    public TimeOnly EndsAt { get; set; }
    /// <summary>Taken off the rota (Records' DutySlotCancelled): no longer a time the counsellor is there.</summary>
    public bool Cancelled { get; set; }
}
