using Microsoft.EntityFrameworkCore;
using Npgsql;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Records.Data;

/// <summary>
/// The one way Records saves a unit of work, for the endpoints and the roster importer alike: a lost race on a unique
/// key is answered as a conflict naming the field, not as a 500.
/// </summary>
public static class RecordsSaves
{
    /// <summary>Saves the change, its audit entry and its outbox rows in one transaction; a lost race on a unique key is 409.</summary>
    public static Task SaveAsync(this RecordsDbContext db, CancellationToken ct) => db.SaveOrConflictAsync(ConflictOf, ct);

    /// <summary>The field a unique key of Records' model stands for.</summary>
    private static (string Field, string Message) ConflictOf(string constraint) => constraint switch
    {
        "ix_appointments_one_per_slot" => ("dutySlotId", "This slot is already booked; choose another slot."),
        "IX_duty_slots_counsellor_staff_id_date_starts_at" => ("startsAt", "The counsellor is already on duty at this time."),
        "IX_known_classes_school_id_name" => ("name", "Another open class of the school has this name."),
        "IX_students_bureau_id_national_number" => ("nationalStudentNumber", "A student with this 学籍号 is already in the bureau."),
        _ => ("body", "This conflicts with a record that already exists."),
    };
}
