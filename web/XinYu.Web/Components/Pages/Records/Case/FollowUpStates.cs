using XinYu.Client.Staff;

namespace XinYu.Web.Components.Pages.Records.Case;

/// <summary>
/// A follow-up as the counsellor reads it: done, overdue (its date passed, not done: what Screening's overdue list and
/// its sweep count) or still to do. The words are UiText's <c>FollowUpState_*</c>.
/// </summary>
public static class FollowUpStates
{
    public const string Done = "done";
    public const string Overdue = "overdue";
    public const string Due = "due";

    public static string Of(PlanFollowUp followUp, DateOnly today) =>
        followUp.DoneAt is not null ? Done : followUp.DueOn < today ? Overdue : Due;
}
