using System.Globalization;
using System.Net;
using System.Text.Json;
using RolloutController.Analysis;

namespace RolloutController.Metrics.Prometheus;

/// <summary>
/// Turns one <c>/api/v1/query</c> answer (status code and body) into a <see cref="PrometheusAttempt"/>. Pure: no I/O.
/// Envelope: <c>{"status":"success"|"error","data":{"resultType":...,"result":...},"errorType":...,"error":...}</c>;
/// samples are <c>[unixSeconds, "value"]</c> with values such as <c>"1.5"</c>, <c>"NaN"</c>, <c>"+Inf"</c>, <c>"-Inf"</c>.
/// Non-finite samples keep their value and sign: the guardrail reads NaN as no data and compares ±Inf with its bounds.
/// </summary>
internal static class PrometheusResponseParser
{
    private const int SnippetLength = 200;

    public static PrometheusAttempt Parse(HttpStatusCode statusCode, string body)
    {
        var code = (int)statusCode;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return code is >= 200 and < 300
                ? Malformed($"body is not JSON ({e.Message}): {Snippet(body)}")
                : HttpFailure(code, null, $"HTTP {code} {statusCode}: {Snippet(body)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryGetString(root, "status", out var status))
                return code is >= 200 and < 300
                    ? Malformed($"no \"status\" in {Snippet(body)}")
                    : HttpFailure(code, null, $"HTTP {code} {statusCode}: {Snippet(body)}");

            if (status == "error" || code is < 200 or >= 300)
            {
                TryGetString(root, "errorType", out var errorType);
                TryGetString(root, "error", out var error);
                var message = $"Prometheus error ({errorType ?? "unknown"}, HTTP {code}): {error ?? Snippet(body)}";
                return HttpFailure(code, errorType, message);
            }
            if (status != "success")
                return Malformed($"unexpected status '{status}'");
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                return Malformed("no \"data\" object");
            if (!TryGetString(data, "resultType", out var resultType))
                return Malformed("no \"data.resultType\"");
            if (!data.TryGetProperty("result", out var result))
                return Malformed("no \"data.result\"");
            return resultType switch
            {
                "vector" => ParseVector(result),
                "scalar" => ParseSample(result, "data.result"),
                "matrix" => PrometheusAttempt.Failed(PrometheusErrorReason.UnsupportedResult,
                    "query returned a range vector (matrix); a guardrail needs one instant value, e.g. wrap it in rate(...) or avg_over_time(...)", false),
                "string" => PrometheusAttempt.Failed(PrometheusErrorReason.UnsupportedResult,
                    "query returned a string; a guardrail needs a number", false),
                _ => Malformed($"unknown resultType '{resultType}'"),
            };
        }
    }

    /// <summary>Parses a Prometheus sample value: a decimal number, <c>NaN</c>, <c>+Inf</c> or <c>-Inf</c>.</summary>
    public static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "NaN": value = double.NaN; return true;
            case "+Inf" or "Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static PrometheusAttempt ParseVector(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Array)
            return Malformed("vector \"data.result\" is not an array");
        var series = new List<LabeledSample>(result.GetArrayLength());
        var index = 0;
        foreach (var element in result.EnumerateArray())
        {
            var where = $"data.result[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
                return Malformed("vector element is not an object");
            if (!element.TryGetProperty("value", out var sample))
            {
                if (element.TryGetProperty("histogram", out _))
                    return PrometheusAttempt.Failed(PrometheusErrorReason.UnsupportedResult,
                        "query returned a native histogram sample; a guardrail needs a number, e.g. use histogram_quantile(...)", false);
                return Malformed("vector element has no \"value\"");
            }
            if (ReadSample(sample, where + ".value", out var value) is { } problem) return problem;
            series.Add(new LabeledSample(ReadLabels(element), value));
        }
        return PrometheusAttempt.Succeeded(VectorOutcome.Of(series));
    }

    private static Dictionary<string, string> ReadLabels(JsonElement series)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (series.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object)
            foreach (var label in metric.EnumerateObject())
                if (label.Value.ValueKind == JsonValueKind.String) labels[label.Name] = label.Value.GetString()!;
        return labels;
    }

    private static PrometheusAttempt ParseSample(JsonElement sample, string where) =>
        ReadSample(sample, where, out var value) ?? PrometheusAttempt.Succeeded(VectorOutcome.Of([new LabeledSample(new Dictionary<string, string>(), value)]));

    /// <summary>Null when the <c>[timestamp, "value"]</c> pair was read into <paramref name="value"/>; otherwise the failed attempt.</summary>
    private static PrometheusAttempt? ReadSample(JsonElement sample, string where, out double value)
    {
        value = double.NaN;
        if (sample.ValueKind != JsonValueKind.Array || sample.GetArrayLength() != 2)
            return Malformed($"{where} is not a [timestamp, \"value\"] pair");
        if (sample[0].ValueKind != JsonValueKind.Number)
            return Malformed($"{where} timestamp is not a number");
        if (sample[1].ValueKind != JsonValueKind.String)
            return Malformed($"{where} value is not a string");
        var text = sample[1].GetString()!;
        return TryParseValue(text, out value) ? null : Malformed($"{where} value '{Snippet(text)}' is not a number");
    }

    private static PrometheusAttempt HttpFailure(int code, string? errorType, string message) => code switch
    {
        429 => PrometheusAttempt.Failed(PrometheusErrorReason.Throttled, message, transient: true),
        >= 500 => PrometheusAttempt.Failed(PrometheusErrorReason.Http5xx, message, transient: true),
        _ when errorType == "bad_data" => PrometheusAttempt.Failed(PrometheusErrorReason.BadQuery, message, transient: false),
        _ when errorType == "execution" || code == 422 => PrometheusAttempt.Failed(PrometheusErrorReason.Execution, message, transient: false),
        _ => PrometheusAttempt.Failed(PrometheusErrorReason.Http4xx, message, transient: false),
    };

    private static PrometheusAttempt Malformed(string detail) =>
        PrometheusAttempt.Failed(PrometheusErrorReason.Malformed, $"malformed response: {detail}", transient: false);

    private static bool TryGetString(JsonElement element, string name, out string? value)
    {
        value = element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;
        return value is not null;
    }

    private static string Snippet(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= SnippetLength ? flat : flat[..SnippetLength] + "...";
    }
}
