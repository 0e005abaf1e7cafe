using System.Net;
using System.Text.RegularExpressions;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Dashboard;

/// <summary>A browser's view of the dashboard over plain HTTP: keeps cookies, does not follow redirects, reads form tokens.</summary>
internal sealed partial class DashboardClient : IDisposable
{
    private readonly HttpClient _http;

    public DashboardClient(RunningController controller)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = controller.BaseUri };
    }

    public CookieContainer Cookies { get; }

    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        var response = await _http.PostAsync(path, new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>Signs in through the login form with <paramref name="token"/>; the answer to the form's POST.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string token, string returnUrl = "/")
    {
        var (_, html, _) = await GetAsync("login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var (_, _, response) = await PostAsync("login", [new("__form_token", FormToken(html)), new("returnUrl", returnUrl), new("token", token)]);
        return response;
    }

    public static string FormToken(string html) =>
        FormTokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no form token in:\n" + html);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__form_token\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
