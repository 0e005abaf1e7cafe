using System.Net;
using RolloutController.Analysis;
using RolloutController.Metrics.Prometheus;

namespace RolloutController.UnitTests.Metrics;

public sealed class PrometheusResponseParserTests
{
    private static string Vector(params string[] values)
    {
        var series = values.Select((v, i) => "{\"metric\":{\"flag\":\"f" + i + "\"},\"value\":[1700000000.123,\"" + v + "\"]}");
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + string.Join(",", series) + "]}}";
    }

    private static PrometheusAttempt Ok(string body) => PrometheusResponseParser.Parse(HttpStatusCode.OK, body);

    [Fact]
    public void One_series_is_its_value()
    {
        var attempt = Ok(Vector("0.0125"));
        attempt.Outcome.ShouldBe(QueryOutcome.Of(0.0125));
        attempt.ErrorReason.ShouldBeNull();
        attempt.Transient.ShouldBeFalse();
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("+Inf")]
    [InlineData("-Inf")]
    public void Not_finite_samples_are_not_finite(string text)
    {
        var outcome = Ok(Vector(text)).Outcome;
        outcome.Kind.ShouldBe(QueryOutcomeKind.NotFinite);
        outcome.Value.ShouldNotBeNull();
        double.IsFinite(outcome.Value.Value).ShouldBeFalse();
    }

    // The sign decides the verdict: +Inf breaks a max, -Inf a min; NaN is no data.
    [Theory]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("NaN", double.NaN)]
    public void Not_finite_samples_keep_their_value(string text, double expected) =>
        Ok(Vector(text)).Outcome.Value.ShouldBe(expected);

    [Fact]
    public void Empty_vector_is_empty() => Ok(Vector()).Outcome.Kind.ShouldBe(QueryOutcomeKind.Empty);

    [Fact]
    public void Several_series_are_multiple()
    {
        var outcome = Ok(Vector("1", "2", "3")).Outcome;
        outcome.Kind.ShouldBe(QueryOutcomeKind.MultipleSeries);
        outcome.SeriesCount.ShouldBe(3);
    }

    [Fact]
    public void Scalar_result_is_its_value() =>
        Ok("""{"status":"success","data":{"resultType":"scalar","result":[1700000000,"42"]}}""").Outcome.ShouldBe(QueryOutcome.Of(42));

    [Fact]
    public void Scalar_nan_is_not_finite() =>
        Ok("""{"status":"success","data":{"resultType":"scalar","result":[1700000000,"NaN"]}}""").Outcome.Kind.ShouldBe(QueryOutcomeKind.NotFinite);

    [Fact]
    public void Range_vector_is_an_unsupported_result()
    {
        var attempt = Ok("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"],[2,"2"]]}]}}""");
        attempt.Outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        attempt.Outcome.Detail!.ShouldContain("range vector");
        attempt.ErrorReason.ShouldBe(PrometheusErrorReason.UnsupportedResult);
        attempt.Transient.ShouldBeFalse();
    }

    [Fact]
    public void String_result_is_an_unsupported_result() =>
        Ok("""{"status":"success","data":{"resultType":"string","result":[1,"hello"]}}""").ErrorReason.ShouldBe(PrometheusErrorReason.UnsupportedResult);

    [Fact]
    public void Native_histogram_sample_is_an_unsupported_result() =>
        Ok("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"histogram":[1,{"count":"1","sum":"1"}]}]}}""")
            .ErrorReason.ShouldBe(PrometheusErrorReason.UnsupportedResult);

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"status\":\"success\"")]
    [InlineData("[]")]
    [InlineData("{\"data\":{}}")]
    [InlineData("{\"status\":\"success\"}")]
    [InlineData("{\"status\":\"success\",\"data\":{\"result\":[]}}")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":{}}}")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}}]}}")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1]}]}}")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,2]}]}}")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[\"x\",\"2\"]}]}}")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"abc\"]}]}}")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":\"3\"}}")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"tensor\",\"result\":[]}}")]
    [InlineData("{\"status\":\"partial\",\"data\":{}}")]
    public void Malformed_payloads_are_malformed_errors(string body)
    {
        var attempt = Ok(body);
        attempt.Outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        attempt.Outcome.Detail!.ShouldStartWith("malformed response: ");
        attempt.ErrorReason.ShouldBe(PrometheusErrorReason.Malformed);
        attempt.Transient.ShouldBeFalse();
    }

    [Fact]
    public void Bad_data_is_a_bad_query_with_prometheus_message_and_not_retried()
    {
        var attempt = PrometheusResponseParser.Parse(HttpStatusCode.BadRequest,
            """{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unexpected <op:+>"}""");
        attempt.Outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        attempt.Outcome.Detail.ShouldBe("Prometheus error (bad_data, HTTP 400): invalid parameter \"query\": 1:5: parse error: unexpected <op:+>");
        attempt.ErrorReason.ShouldBe(PrometheusErrorReason.BadQuery);
        attempt.Transient.ShouldBeFalse();
    }

    [Fact]
    public void Execution_error_is_not_retried()
    {
        var attempt = PrometheusResponseParser.Parse(HttpStatusCode.UnprocessableEntity,
            """{"status":"error","errorType":"execution","error":"found duplicate series"}""");
        attempt.ErrorReason.ShouldBe(PrometheusErrorReason.Execution);
        attempt.Transient.ShouldBeFalse();
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"status":"error","errorType":"timeout","error":"query timed out"}""", PrometheusErrorReason.Http5xx)]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", PrometheusErrorReason.Http5xx)]
    [InlineData(HttpStatusCode.InternalServerError, "", PrometheusErrorReason.Http5xx)]
    [InlineData(HttpStatusCode.TooManyRequests, "slow down", PrometheusErrorReason.Throttled)]
    public void Server_errors_and_throttling_are_transient(HttpStatusCode status, string body, string reason)
    {
        var attempt = PrometheusResponseParser.Parse(status, body);
        attempt.Outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        attempt.Outcome.Detail!.ShouldContain(((int)status).ToString());
        attempt.ErrorReason.ShouldBe(reason);
        attempt.Transient.ShouldBeTrue();
    }

    [Fact]
    public void Other_client_errors_are_not_retried()
    {
        var attempt = PrometheusResponseParser.Parse(HttpStatusCode.Unauthorized, "Unauthorized");
        attempt.ErrorReason.ShouldBe(PrometheusErrorReason.Http4xx);
        attempt.Outcome.Detail.ShouldBe("HTTP 401 Unauthorized: Unauthorized");
        attempt.Transient.ShouldBeFalse();
    }

    [Fact]
    public void Long_bodies_are_cut_in_messages()
    {
        var detail = PrometheusResponseParser.Parse(HttpStatusCode.BadGateway, new string('x', 5000)).Outcome.Detail!;
        detail.Length.ShouldBeLessThan(300);
        detail.ShouldEndWith("...");
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("-0.5", -0.5)]
    [InlineData("1e-3", 0.001)]
    [InlineData("1.7976931348623157e+308", double.MaxValue)]
    public void Values_parse_invariantly(string text, double expected)
    {
        PrometheusResponseParser.TryParseValue(text, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1,5")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    public void Non_prometheus_numbers_do_not_parse(string text) =>
        PrometheusResponseParser.TryParseValue(text, out _).ShouldBeFalse();
}
