using System.Security.Claims;
using XinYu.ServiceDefaults.Auth;

namespace XinYu.Platform.Tests.Auth;

[Trait("Category", "Unit")]
public sealed class CallerScopeTests
{
    private static readonly Guid Bureau = Guid.NewGuid();
    private static readonly Guid OtherBureau = Guid.NewGuid();
    private static readonly Guid School = Guid.NewGuid();
    private static readonly Guid OtherSchool = Guid.NewGuid();
    private static readonly Guid OwnClass = Guid.NewGuid();
    private static readonly Guid OtherClass = Guid.NewGuid();

    private static CallerScope Caller(string role, Guid? school = null, params Guid[] classes) =>
        CallerScope.From(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(XinYuClaims.Subject, "someone"), new Claim(XinYuClaims.Role, role), new Claim(XinYuClaims.Bureau, Bureau.ToString()),
            .. school is null ? Array.Empty<Claim>() : [new Claim(XinYuClaims.School, school.Value.ToString())],
            .. classes.Select(c => new Claim(XinYuClaims.Class, c.ToString())),
        ], "test")));

    [Theory]
    [InlineData(XinYuRoles.BureauAdmin)]
    [InlineData(XinYuRoles.BureauOfficer)]
    public void Bureau_staff_reach_every_school_of_their_bureau_and_none_of_another(string role)
    {
        Assert.True(Caller(role).CanReachSchool(Bureau, OtherSchool));
        Assert.False(Caller(role).CanReachSchool(OtherBureau, School));
    }

    [Fact]
    public void The_auditor_reaches_no_school_data()
    {
        Assert.False(Caller(XinYuRoles.Auditor).CanReachSchool(Bureau, School));
    }

    [Theory]
    [InlineData(XinYuRoles.SchoolAdmin)]
    [InlineData(XinYuRoles.Counsellor)]
    public void School_wide_roles_reach_their_school_and_every_class_in_it_but_no_other_school(string role)
    {
        var caller = Caller(role, School);
        Assert.True(caller.CanReachClass(Bureau, School, OtherClass));
        Assert.False(caller.CanReachSchool(Bureau, OtherSchool));
    }

    [Theory]
    [InlineData(XinYuRoles.HeadTeacher)]
    [InlineData(XinYuRoles.Mentor)]
    public void Head_teachers_and_mentors_reach_only_their_own_classes(string role)
    {
        var caller = Caller(role, School, OwnClass);
        Assert.True(caller.CanReachClass(Bureau, School, OwnClass));
        Assert.False(caller.CanReachClass(Bureau, School, OtherClass));
        Assert.False(caller.CanReachClass(Bureau, OtherSchool, OwnClass));
    }

    [Fact]
    public void A_token_without_a_bureau_reaches_nothing()
    {
        var caller = CallerScope.From(new ClaimsPrincipal(new ClaimsIdentity([new Claim(XinYuClaims.Role, XinYuRoles.BureauAdmin)], "test")));
        Assert.False(caller.CanReachSchool(Bureau, School));
    }
}
