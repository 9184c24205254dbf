namespace XinYu.Calendar.Jobs;

/// <summary>Settings of the reminders (configuration section <c>CalendarReminders</c>).</summary>
public sealed class ReminderOptions
{
    public const string Section = "CalendarReminders";
    /// <summary>An event starting within this many hours is due soon.</summary>
    public int HoursBefore { get; set; } = 24;
    /// <summary>How often the sweep runs.</summary>
    public int SweepIntervalMinutes { get; set; } = 5;
}
