using XinYu.Demo;

// `./xinyu.sh demo`: run by the script after the identity service's demo-admin command (Development only) made the
// demo bureau admin. Usage: XinYu.Demo --gateway http://localhost:5080/
var at = Array.IndexOf(args, "--gateway");
if (at < 0 || at + 1 >= args.Length || !Uri.TryCreate(args[at + 1], UriKind.Absolute, out var gateway))
{
    Console.Error.WriteLine("usage: XinYu.Demo --gateway <the running suite's gateway URL>");
    return 2;
}

try
{
    var made = await DemoSchool.MakeAsync(gateway, line => Console.WriteLine("  " + line));
    Console.WriteLine($"""

        The demo school is ready: {DemoRoster.SchoolName}, {made.Classes.Count} classes, {made.Students} students, a screening campaign open now.
        Open {gateway} and sign in (every demo password is {DemoAccounts.Password}):
          心理教师 counsellor      {DemoAccounts.Counsellor}
          班主任   head teacher    {DemoAccounts.HeadTeacher}
          学校管理员 school admin  {DemoAccounts.SchoolAdmin}
          教育局管理员 bureau admin {DemoAccounts.BureauAdmin}
        As the counsellor: Campaigns → {DemoRoster.CampaignName} → issue answer codes for 七(1)班 and print the sheet;
        open a slip's link ({gateway}answer/{made.Campaign}) in a phone-sized window, type its code and answer as a
        student. Answer item 9 of PHQ-9 above 0 and the warning appears on the counsellor's Today.
        """);
    return 0;
}
catch (DemoFailedException e)
{
    Console.Error.WriteLine("The demo stopped: " + e.Message);
    return 1;
}
