using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;

namespace XinYu.Messaging.Copies;

/// <summary>A term of a bureau's school year as Calendar scheduled it (<c>TermScheduled</c>): the latest dates win.</summary>
public abstract class TermCopy : LocalCopy
{
    public Guid TermId { get; set; }
    public Guid BureauId { get; set; }
    /// <summary>The school year's first calendar year (2024 for 2024–2025).</summary>
    public int SchoolYear { get; set; }
    /// <summary>1 autumn, 2 spring.</summary>
    public int Number { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
}

/// <summary>Keeps Calendar's terms: the latest schedule of a term replaces the earlier one. A service derives one line.</summary>
public abstract class TermScheduledCopyConsumer<TContext, TTerm>(TContext db) : LocalCopyConsumer<TermScheduled, TContext, TTerm>(db)
    where TContext : DbContext
    where TTerm : TermCopy, new()
{
    protected sealed override object[] KeyOf(TermScheduled m) =>
        m.EndsOn < m.StartsOn || m.Number is < 1 or > 4
            ? throw new InvalidMessageException("TermScheduled with an end before its start or an impossible number.")
            : [m.TermId];

    protected override void Update(TTerm term, TermScheduled m) =>
        (term.TermId, term.BureauId, term.SchoolYear, term.Number, term.StartsOn, term.EndsOn) =
            (m.TermId, m.BureauId, m.SchoolYear, m.Number, m.StartsOn, m.EndsOn);
}
