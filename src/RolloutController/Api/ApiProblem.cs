namespace RolloutController.Api;

/// <summary>The API's error answers: RFC 9457 problem details with a title and a detail that says what to do.</summary>
internal static class ApiProblem
{
    public static IResult Create(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);
}
