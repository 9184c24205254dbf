using XinYu.Records.Apis;
using XinYu.Records.Data;
using XinYu.Records.Exchange;
using XinYu.Records.Import;
using XinYu.Records.Jobs;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Jobs;

// XinYu.Records: 一生一档: students' psychological files, the counselling room, hand-over between schools.
var builder = WebApplication.CreateBuilder(args);
// Guardian phones, family situation, psychological status, notes and exchange keys are encrypted.
builder.AddXinYuService<RecordsDbContext>(new("records", "recordsdb") { EncryptsData = true, KeepsAuditTrail = true });
builder.Services.AddSingleton<RosterImporter>();
// The bounds of a roster upload (docs/records.md); a zero or negative one would refuse every roster, so it stops the start.
builder.Services.AddOptions<RosterImportOptions>().Bind(builder.Configuration.GetSection(RosterImportOptions.Section))
    .Validate(o => o.MaxUploadBytes > 0 && o.MaxUncompressedBytes > 0 && o.MaxCompressionRatio > 0 && o.MaxRows > 0 && o.MaxColumns > 0,
        "Records:RosterImport limits are all greater than 0.").ValidateOnStart();
builder.Services.AddOptions<ExchangeOptions>().Bind(builder.Configuration.GetSection("Records:Exchange"));
builder.Services.AddSingleton<ExchangeKeys>();
builder.Services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection("Records:Retention"));
builder.Services.AddPeriodicJob<RetentionSweep, RecordsDbContext>();

builder.RunXinYuService(app => app.MapRecordsApi());

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
