using System.Text.Json;
using System.Text.Json.Serialization;
using RolloutController.Api;

namespace RolloutController.Cli;

/// <summary>
/// Source-generated JSON metadata of the API documents rolloutctl reads and writes. A short-lived command spends much of
/// its CPU time building serializers by reflection on first use; with these it does not (docs/benchmarks.md, "rolloutctl
/// start-up"). Used through <see cref="CliJson.Options"/>, which keeps the API's naming and converters.
/// </summary>
[JsonSerializable(typeof(RolloutDetail))]
[JsonSerializable(typeof(FlagDetail))]
[JsonSerializable(typeof(RolloutPage))]
[JsonSerializable(typeof(PolicyStatus))]
[JsonSerializable(typeof(List<NoticeView>))]
[JsonSerializable(typeof(CommandRequest))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Audit.AuditPage))]
[JsonSerializable(typeof(Audit.AuditVerification))]
[JsonSerializable(typeof(List<Lifecycle.ReviewItem>))]
[JsonSerializable(typeof(Lifecycle.LifecycleView))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
