using System.Globalization;
using System.Text.RegularExpressions;

namespace XinYu.Records.Import;

/// <summary>How a roster with rejected rows is stored: not at all (the default), or every row that passed.</summary>
public static class RosterImportModes
{
    public const string AllOrNothing = "all-or-nothing";
    public const string RowByRow = "row-by-row";
    public static readonly string[] All = [AllOrNothing, RowByRow];
}

/// <summary>What a roster import did: rows read, students enrolled or moved between classes, rows refused and why.</summary>
public sealed record RosterImportReport(string Mode, int Rows, int Enrolled, int ClassChanged, int Unchanged, int RejectedRows,
    IReadOnlyList<RowRejection> Rejections, bool Stored);

/// <summary>One rejected field of one roster row: the row number as the spreadsheet shows it, the column, why.</summary>
public sealed record RowRejection(int Row, string Field, string Reason);

/// <summary>A roster row that passed every check, with the class it names resolved.</summary>
public sealed record RosterStudent(int Row, string Name, string? NationalNumber, string Gender, DateOnly BirthDate, Guid ClassId, int Grade,
    string? GuardianName, string? GuardianRelation, string? GuardianPhone);

/// <summary>A class of the importing school as a roster may name it: by its label (七(3)班) or its directory id.</summary>
public sealed record RosterClass(Guid Id, string? Name, int Grade);

/// <summary>The checks on each roster row. Pure: the database is consulted before (classes) and after (existing students).</summary>
public static partial class RosterRules
{
    public const int MaxNameLength = 50;
    public const int MinAgeYears = 3;
    public const int MaxAgeYears = 30;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyyMMdd", "yyyy-M-d", "yyyy/M/d", "yyyy年M月d日"];

    public static readonly IReadOnlyDictionary<string, string> Genders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["男"] = "male", ["女"] = "female", ["male"] = "male", ["female"] = "female", ["m"] = "male", ["f"] = "female",
    };

    public static readonly IReadOnlyDictionary<string, string> Relations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["父亲"] = "father", ["父"] = "father", ["爸爸"] = "father", ["father"] = "father",
        ["母亲"] = "mother", ["母"] = "mother", ["妈妈"] = "mother", ["mother"] = "mother",
        ["祖父"] = "grandfather", ["爷爷"] = "grandfather", ["外祖父"] = "grandfather", ["外公"] = "grandfather", ["grandfather"] = "grandfather",
        ["祖母"] = "grandmother", ["奶奶"] = "grandmother", ["外祖母"] = "grandmother", ["外婆"] = "grandmother", ["grandmother"] = "grandmother",
        ["其他"] = "other", ["其它"] = "other", ["监护人"] = "other", ["other"] = "other", ["guardian"] = "other",
    };

    [GeneratedRegex(@"^[A-Za-z0-9]{6,30}$")]
    private static partial Regex NationalNumberPattern();

    /// <summary>A mainland mobile (1[3-9] and 9 digits, optionally +86) or a landline with area code (010-12345678).</summary>
    [GeneratedRegex(@"^(?:(?:\+?86)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"[\p{Cc}<>]")]
    private static partial Regex ForbiddenInName();

    public static bool IsValidPhone(string phone) => PhonePattern().IsMatch(phone.Replace(" ", ""));
    public static bool IsValidName(string name) => name.Length is > 0 and <= MaxNameLength && !ForbiddenInName().IsMatch(name);
    public static bool IsValidNationalNumber(string number) => NationalNumberPattern().IsMatch(number);

    public static bool TryParseBirthDate(string text, DateOnly today, bool spreadsheetSerials, out DateOnly date, out string reason)
    {
        reason = "";
        if (!DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            // XLSX stores dates as days since 1899-12-30 unless the cell is text.
            if (spreadsheetSerials && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 100_000)
            {
                date = DateOnly.FromDateTime(new DateTime(1899, 12, 30).AddDays(serial));
            }
            else
            {
                reason = "Not a date; write it as 2014-09-01.";
                return false;
            }
        }
        if (date > today.AddYears(-MinAgeYears) || date < today.AddYears(-MaxAgeYears))
        {
            reason = $"A student's birth date lies between {MaxAgeYears} and {MinAgeYears} years ago.";
            return false;
        }
        return true;
    }

    /// <summary>Checks one row; either the student or the reasons it is refused (one per field at fault).</summary>
    public static (RosterStudent? Student, List<RowRejection> Rejections) Check(RosterRow row, IReadOnlyList<RosterClass> classes, DateOnly today,
        bool spreadsheetSerials)
    {
        var rejections = new List<RowRejection>();
        string Cell(string column) => row.Cells.GetValueOrDefault(column, "").Trim();
        void Reject(string field, string reason) => rejections.Add(new RowRejection(row.Number, field, reason));

        var name = Cell(RosterColumns.Name);
        if (name.Length == 0) Reject(RosterColumns.Name, "The name (姓名) is missing.");
        else if (!IsValidName(name)) Reject(RosterColumns.Name, $"A name has at most {MaxNameLength} characters and no control characters or angle brackets.");

        var number = Cell(RosterColumns.NationalNumber);
        if (number.Length > 0 && !IsValidNationalNumber(number)) Reject(RosterColumns.NationalNumber, "A 学籍号 is 6 to 30 letters and digits.");

        var genderText = Cell(RosterColumns.Gender);
        if (!Genders.TryGetValue(genderText, out var gender)) Reject(RosterColumns.Gender, "Gender (性别) is 男 or 女 (male or female).");

        var birthText = Cell(RosterColumns.BirthDate);
        var birthDate = default(DateOnly);
        if (birthText.Length == 0) Reject(RosterColumns.BirthDate, "The birth date (出生日期) is missing.");
        else if (!TryParseBirthDate(birthText, today, spreadsheetSerials, out birthDate, out var why)) Reject(RosterColumns.BirthDate, why);

        var classText = Cell(RosterColumns.Class);
        RosterClass? schoolClass = null;
        if (classText.Length == 0) Reject(RosterColumns.Class, "The class (班级) is missing.");
        else
        {
            schoolClass = Guid.TryParse(classText, out var classId)
                ? classes.FirstOrDefault(c => c.Id == classId)
                : classes.FirstOrDefault(c => c.Name is not null && string.Equals(c.Name, classText, StringComparison.Ordinal));
            if (schoolClass is null) Reject(RosterColumns.Class, "No open class of this school has this name or id; set the class's name in Records first.");
        }

        var gradeText = Cell(RosterColumns.Grade);
        if (gradeText.Length > 0 && schoolClass is not null
            && (!int.TryParse(gradeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var grade) || grade != schoolClass.Grade))
        {
            Reject(RosterColumns.Grade, $"The class is in grade {schoolClass.Grade}; the grade (年级) column says otherwise.");
        }

        var guardian = Cell(RosterColumns.Guardian);
        var relationText = Cell(RosterColumns.Relation);
        var phone = Cell(RosterColumns.Phone).Replace(" ", "");
        string? relation = null;
        if (guardian.Length > 0 || phone.Length > 0 || relationText.Length > 0)
        {
            if (guardian.Length == 0) Reject(RosterColumns.Guardian, "A guardian's phone or relation is given without the guardian's name (监护人).");
            else if (!IsValidName(guardian)) Reject(RosterColumns.Guardian, $"A name has at most {MaxNameLength} characters and no control characters or angle brackets.");
            if (phone.Length == 0) Reject(RosterColumns.Phone, "The guardian's phone (监护人电话) is missing.");
            else if (!IsValidPhone(phone)) Reject(RosterColumns.Phone, "Not a phone number: a mobile (13812345678) or a landline with area code (010-12345678).");
            if (relationText.Length == 0) relation = "other";
            else if (!Relations.TryGetValue(relationText, out relation)) Reject(RosterColumns.Relation, "The relation is one of 父亲, 母亲, 祖父, 祖母, 其他.");
        }

        if (rejections.Count > 0) return (null, rejections);
        return (new RosterStudent(row.Number, name, number.Length == 0 ? null : number.ToUpperInvariant(), gender!, birthDate,
            schoolClass!.Id, schoolClass.Grade, guardian.Length == 0 ? null : guardian, guardian.Length == 0 ? null : relation, guardian.Length == 0 ? null : phone), rejections);
    }

    /// <summary>The same 学籍号 twice in one roster: every repeat after the first is refused.</summary>
    public static List<RowRejection> Duplicates(IEnumerable<RosterStudent> students) =>
        students.Where(s => s.NationalNumber is not null).GroupBy(s => s.NationalNumber)
            .SelectMany(g => g.OrderBy(s => s.Row).Skip(1)
                .Select(s => new RowRejection(s.Row, RosterColumns.NationalNumber, $"The same 学籍号 appears in row {g.Min(x => x.Row)}.")))
            .ToList();
}
