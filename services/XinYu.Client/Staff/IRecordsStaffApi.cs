using Refit;

namespace XinYu.Client.Staff;

/// <summary>Records' API as the staff web app calls it through the gateway, with the signed-in member of staff's token.</summary>
public interface IRecordsStaffApi
{
    /// <summary>The school's students (head teachers: their classes only); the read is audited at Records.</summary>
    [Get("/api/records/schools/{schoolId}/students")]
    Task<IReadOnlyList<StudentSummary>> SchoolStudentsAsync(Guid schoolId, CancellationToken ct = default);

    /// <summary>The school's classes with the school's own names for them (七(3)班).</summary>
    [Get("/api/records/schools/{schoolId}/classes")]
    Task<IReadOnlyList<ClassSummary>> SchoolClassesAsync(Guid schoolId, CancellationToken ct = default);
}

/// <summary>A student as Records lists them (its StudentSummary): personal data, shown on a page, never logged or put in a URL.</summary>
public sealed record StudentSummary(Guid Id, string Name, string? NationalStudentNumber, string Gender, DateOnly BirthDate, Guid ClassId, int Grade, string Status);

/// <summary>A class as Records knows it (its ClassView).</summary>
public sealed record ClassSummary(Guid Id, Guid SchoolId, int Grade, int EntryYear, string? Name, bool Closed);
