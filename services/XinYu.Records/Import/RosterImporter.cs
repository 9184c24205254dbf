using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Records.Apis;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;

namespace XinYu.Records.Import;

/// <summary>
/// Applies a checked roster to the database: new students are enrolled (StudentEnrolled each), known students whose
/// class changed are moved (StudentClassChanged), in one transaction and one batched SaveChanges. A student is known
/// by 学籍号 within the bureau, or, without one, by name and birth date within the school.
/// </summary>
public sealed class RosterImporter(TimeProvider clock)
{
    public async Task<RosterImportReport> ImportAsync(RecordsDbContext db, AuditTrail audit, KnownSchool school, List<RosterRow> rows,
        bool spreadsheetSerials, string mode, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolId == school.SchoolId && !c.Closed)
            .Select(c => new RosterClass(c.ClassId, c.Name, c.Grade)).ToListAsync(ct);

        var rejections = new List<RowRejection>();
        var candidates = new List<RosterStudent>(rows.Count);
        foreach (var row in rows)
        {
            var (student, refused) = RosterRules.Check(row, classes, today, spreadsheetSerials);
            if (student is null) rejections.AddRange(refused);
            else candidates.Add(student);
        }
        var duplicates = RosterRules.Duplicates(candidates);
        rejections.AddRange(duplicates);
        var duplicateRows = duplicates.Select(d => d.Row).ToHashSet();
        candidates.RemoveAll(c => duplicateRows.Contains(c.Row));

        // Known students: by 学籍号 anywhere in the bureau; without one, by name and birth date in this school.
        var numbers = candidates.Where(c => c.NationalNumber is not null).Select(c => c.NationalNumber!).ToList();
        var byNumber = await db.Students.Where(s => s.BureauId == school.BureauId && s.NationalNumber != null && numbers.Contains(s.NationalNumber))
            .ToDictionaryAsync(s => s.NationalNumber!, ct);
        var unnumbered = await db.Students.Where(s => s.SchoolId == school.SchoolId && s.NationalNumber == null).ToListAsync(ct);
        var byNameAndBirth = unnumbered.GroupBy(s => (s.Name, s.BirthDate)).ToDictionary(g => g.Key, g => g.First());
        var knownIds = byNumber.Values.Select(s => s.Id).Concat(unnumbered.Select(s => s.Id)).ToList();
        var knownGuardians = (await db.Guardians.AsNoTracking().Where(g => knownIds.Contains(g.StudentId)).Select(g => new { g.StudentId, g.Name }).ToListAsync(ct))
            .Select(g => (g.StudentId, g.Name)).ToHashSet();

        var pendingGuardians = new List<Guardian>();
        var enrolled = new List<(Student Student, RosterStudent Row)>();
        var moved = new List<Student>();
        var unchanged = 0;
        foreach (var candidate in candidates)
        {
            var known = candidate.NationalNumber is { } number ? byNumber.GetValueOrDefault(number) : byNameAndBirth.GetValueOrDefault((candidate.Name, candidate.BirthDate));
            if (known is null)
            {
                enrolled.Add((new Student
                {
                    Id = Guid.CreateVersion7(), BureauId = school.BureauId, SchoolId = school.SchoolId, ClassId = candidate.ClassId, Grade = candidate.Grade,
                    NationalNumber = candidate.NationalNumber, Name = candidate.Name, Gender = candidate.Gender, BirthDate = candidate.BirthDate,
                    Status = StudentStatus.Active, EnrolledAt = now,
                }, candidate));
            }
            else if (known.SchoolId != school.SchoolId)
            {
                rejections.Add(new RowRejection(candidate.Row, RosterColumns.NationalNumber,
                    "This student's file is at another school of the bureau; hand it over (移交) first."));
            }
            else if (known.Status != StudentStatus.Active)
            {
                rejections.Add(new RowRejection(candidate.Row, RosterColumns.NationalNumber, "This student has left the bureau's schools; their file is closed."));
            }
            else if (known.ClassId != candidate.ClassId)
            {
                known.ClassId = candidate.ClassId;
                known.Grade = candidate.Grade;
                moved.Add(known);
                AddGuardian(known.Id, candidate);
            }
            else
            {
                unchanged++;
                AddGuardian(known.Id, candidate);
            }
        }

        var rejectedRows = rejections.Select(r => r.Row).Distinct().Count();
        var ordered = rejections.OrderBy(r => r.Row).ThenBy(r => r.Field, StringComparer.Ordinal).ToList();
        if (mode == StudentsApi.AllOrNothing && rejectedRows > 0)
        {
            db.ChangeTracker.Clear();
            return new RosterImportReport(mode, rows.Count, 0, 0, 0, rejectedRows, ordered, Stored: false);
        }

        var guardians = new List<Guardian>();
        foreach (var (student, row) in enrolled)
        {
            if (row.GuardianName is not null)
                guardians.Add(new Guardian { Id = Guid.CreateVersion7(), StudentId = student.Id, Name = row.GuardianName, Relation = row.GuardianRelation!, Phone = row.GuardianPhone!, RecordedAt = now });
        }
        guardians.AddRange(pendingGuardians);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.Students.AddRange(enrolled.Select(e => e.Student));
            db.Guardians.AddRange(guardians);
            foreach (var student in moved) db.Entry(student).State = EntityState.Modified;
            foreach (var (student, _) in enrolled)
            {
                db.Publish(new StudentEnrolled { BureauId = student.BureauId, SchoolId = student.SchoolId, StudentId = student.Id, ClassId = student.ClassId, Grade = student.Grade, OccurredAt = now },
                    RecordsApi.StudentKey(student.Id));
            }
            foreach (var student in moved)
            {
                db.Publish(new StudentClassChanged { BureauId = student.BureauId, SchoolId = student.SchoolId, StudentId = student.Id, ClassId = student.ClassId, Grade = student.Grade, OccurredAt = now },
                    RecordsApi.StudentKey(student.Id));
            }
            audit.Record(db, new AuditRecord("import", "roster", $"rows={rows.Count};enrolled={enrolled.Count};moved={moved.Count};rejected={rejectedRows}",
                SchoolId: school.SchoolId));
            await db.SaveAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        return new RosterImportReport(mode, rows.Count, enrolled.Count, moved.Count, unchanged, rejectedRows, ordered, Stored: true);

        void AddGuardian(Guid studentId, RosterStudent row)
        {
            if (row.GuardianName is null || !knownGuardians.Add((studentId, row.GuardianName))) return;
            pendingGuardians.Add(new Guardian { Id = Guid.CreateVersion7(), StudentId = studentId, Name = row.GuardianName, Relation = row.GuardianRelation!, Phone = row.GuardianPhone!, RecordedAt = now });
        }
    }
}
