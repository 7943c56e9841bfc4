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
    private readonly ConcurrentDictionary<IResponse, bool> unread = new();

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
        unread[response] = true;
        try
        {
            body = await response.TextAsync();
        }
        catch (PlaywrightException)
        {
            return; // a redirect or an aborted request has no body
        }
        finally
        {
            unread.TryRemove(response, out _);
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

    /// <summary>
    /// Waits for the responses read so far (at most <paramref name="bodyWait"/>) and fails with every whole number found.
    /// Returns the responses whose body never came: Playwright's body read waits for the request to finish, and a
    /// request the browser neither finishes nor fails (a load cut short) never does. Awaiting those unbounded hung a
    /// CI run's test host until its 20-minute guard stopped it.
    /// </summary>
    public async Task<IReadOnlyList<string>> AssertNoneAsync(TimeSpan bodyWait)
    {
        try
        {
            await Task.WhenAll(reading.ToArray()).WaitAsync(bodyWait);
        }
        catch (TimeoutException)
        {
            // What the unread bodies held never reached the page in full; the page's own HTML is checked on every shot.
        }

        Assert.True(findings.IsEmpty, "whole resident ID numbers were sent or shown without a reveal:\n" + string.Join("\n", findings.Distinct()));
        return unread.Keys.Select(r => $"{r.Request.Method} {r.Url} ({r.Status})").ToList();
    }

    [GeneratedRegex("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex Candidate();
}
