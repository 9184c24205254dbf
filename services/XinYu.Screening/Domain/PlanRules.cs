using XinYu.Screening.Data;

namespace XinYu.Screening.Domain;

/// <summary>Individual plans (一生一策, seed 002; 一人一表、专人专案, seed 001).</summary>
public static class PlanRules
{
    public const string Open = "open";
    public const string Closed = "closed";

    /// <summary>One plan per student (seed 002: 一生一策; seed 001: 一人一表): a second open plan is refused.</summary>
    public static void OnePlanPerStudent(bool studentHasAnOpenPlan)
    {
        if (studentHasAnOpenPlan) throw OneOpenPlan();
    }

    public static ScreeningConflictException OneOpenPlan() =>
        new("studentId", "The student already has an open plan; one plan per student.");

    /// <summary>A closed plan is the record of what was done: nothing is added to it, nothing reviewed or closed again.</summary>
    public static InterventionPlan MustBeOpen(InterventionPlan plan) => plan.Status == Open ? plan
        : throw new ScreeningConflictException("planId", "The plan is closed.");
}
