namespace XinYu.Contracts;

/// <summary>A staff member completed a training (hours counted toward their yearly minimum).</summary>
public sealed record TrainingCompleted : IntegrationEvent
{
    public required Guid TrainingId { get; init; }
    public required Guid StaffId { get; init; }
    public required decimal Hours { get; init; }
    public required DateOnly CompletedOn { get; init; }
}
