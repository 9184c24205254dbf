using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Screening.Data;
using static XinYu.Screening.Tests.Api.Seed;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests.Api;

/// <summary>With the school's notice sufficing, no recorded consent is enough, but a recorded withdrawal still blocks.</summary>
[Collection(OneServiceAtATime.Name)]
public sealed class ConsentPolicyTests(ScreeningAppNoticeSuffices app) : IClassFixture<ScreeningAppNoticeSuffices>
{
    [Fact]
    public async Task Without_a_record_the_notice_suffices_and_a_withdrawal_still_refuses()
    {
        var (bureau, school, @class, withNothing, withdrawn) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await app.QueryAsync(db =>
        {
            foreach (var id in new[] { withNothing, withdrawn })
                db.Students.Add(new Student { StudentId = id, BureauId = bureau, SchoolId = school, ClassId = @class, Grade = 7, Active = true, Level = "none" });
            db.Consents.Add(new Consent { StudentId = withdrawn, Purpose = "screening", Granted = false, OccurredAt = ScreeningApp.Start.AddDays(-1) });
            return db.SaveChangesAsync();
        });
        using var counsellor = app.As("counsellor", bureau, school);

        using var accepted = await counsellor.PostAsJsonAsync("/api/screening/submissions", Phq9(withNothing, new int[9]));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", Phq9(withdrawn, new int[9])), "studentId");
        Assert.Equal(0, await app.QueryAsync(db => db.Submissions.CountAsync(s => s.StudentId == withdrawn)));
    }
}
