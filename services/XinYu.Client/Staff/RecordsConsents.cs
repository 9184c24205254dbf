namespace XinYu.Client.Staff;

/// <summary>
/// A guardian's consent for one purpose (Records' ConsentView): given (<see cref="Granted"/>) or refused/withdrawn, by
/// which guardian, when and how (paper, online). A data-sharing consent names the agency the data goes to.
/// </summary>
public sealed record StudentConsent(Guid Id, string Purpose, string? AgencyId, bool Granted, Guid GuardianId, string Method, DateTimeOffset GivenAt,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>What stands now per purpose (and agency), and every consent recorded, oldest first (Records' ConsentHistory).</summary>
public sealed record ConsentHistory(IReadOnlyList<StudentConsent> Current, IReadOnlyList<StudentConsent> History);

/// <summary>A consent to record (Records' ConsentRequest); <see cref="GivenAt"/> null: now.</summary>
public sealed record NewConsent(string? Purpose, string? AgencyId, bool? Granted, Guid? GuardianId, string? Method, DateTimeOffset? GivenAt = null);
