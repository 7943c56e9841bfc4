using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Contracts.People;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>
/// Reads every response a browser context receives (the page, its scripts and styles, every API answer)
/// and every page's HTML when asked, and notes any whole, valid resident ID number in them — except a
/// number the audited reveal (POST …/identity) has just returned to this user.
/// </summary>
public sealed partial class IdNumberWatch
{
    private readonly ConcurrentBag<Task> reading = [];
    private readonly ConcurrentBag<string> findings = [];
    private readonly ConcurrentDictionary<string, bool> revealed = new();

    public int ResponsesRead => responses;

    private int responses;

    public void Attach(IBrowserContext context) => context.Response += (_, response) => reading.Add(ReadAsync(response));

    private async Task ReadAsync(IResponse response)
    {
        var type = response.Headers.TryGetValue("content-type", out var t) ? t : "";
        if (!(type.Contains("json", StringComparison.Ordinal) || type.Contains("html", StringComparison.Ordinal)
              || type.Contains("javascript", StringComparison.Ordinal) || type.Contains("css", StringComparison.Ordinal)
              || type.StartsWith("text/", StringComparison.Ordinal)))
        {
            return;
        }

        string body;
        try
        {
            body = await response.TextAsync();
        }
        catch (PlaywrightException)
        {
            return; // a redirect or an aborted request has no body
        }

        Interlocked.Increment(ref responses);
        if (response.Request.Method == "POST" && response.Url.EndsWith("/identity", StringComparison.Ordinal) && response.Ok)
        {
            revealed[JsonDocument.Parse(body).RootElement.GetProperty("idNumber").GetString()!] = true;
            return;
        }

        Check(body, $"{response.Request.Method} {response.Url}");
    }

    /// <summary>The page's HTML as it stands now.</summary>
    public async Task CheckPageAsync(IPage page) => Check(await page.ContentAsync(), "page " + page.Url);

    private void Check(string text, string where)
    {
        foreach (Match match in Candidate().Matches(text))
        {
            if (ResidentIdNumber.TryParse(match.Value, DateOnly.FromDateTime(DateTime.UtcNow), out _, out _) && !revealed.ContainsKey(match.Value))
            {
                findings.Add($"{where}: {ResidentIdNumber.Mask(match.Value)}");
            }
        }
    }

    /// <summary>Waits for the responses read so far and fails with every whole number found.</summary>
    public async Task AssertNoneAsync()
    {
        await Task.WhenAll(reading.ToArray());
        Assert.True(findings.IsEmpty, "whole resident ID numbers were sent or shown without a reveal:\n" + string.Join("\n", findings.Distinct()));
    }

    [GeneratedRegex("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex Candidate();
}
