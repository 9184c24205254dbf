namespace XinYu.Demo;

/// <summary>
/// The demo's people and their passwords. Known passwords are the point of a demo, and the reason it runs only in
/// Development: the identity service's demo-admin command and its development client (xinyu-dev) exist nowhere else.
/// </summary>
public static class DemoAccounts
{
    /// <summary>The demo bureau (a fixed id, so a second run finds what the first made).</summary>
    public static readonly Guid Bureau = Guid.Parse("de300000-0000-4000-8000-000000000001");

    public const string Password = "XinYu-Demo-2026";

    public const string BureauAdmin = "demo-admin@xinyu.example";
    public const string SchoolAdmin = "demo-school-admin@xinyu.example";
    public const string Counsellor = "demo-counsellor@xinyu.example";
    public const string HeadTeacher = "demo-head-teacher@xinyu.example";
}
