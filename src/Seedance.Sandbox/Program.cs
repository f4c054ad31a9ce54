using System.Globalization;
using Microsoft.Extensions.Logging;
using Seedance.Sandbox;
using Seedance.Sandbox.Faults;

// Stand-alone sandbox: dotnet run --project src/Seedance.Sandbox -- --urls http://127.0.0.1:5178
var options = new SandboxOptions { Url = "http://127.0.0.1:5178" };
try
{
    for (var i = 0; i < args.Length; i++)
    {
        var arg = args[i];
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
        switch (arg)
        {
            case "--urls" or "--url":
                options.Url = Next().Split(';')[0];
                break;
            case "--api-key" or "--token":
                options.ApiKey = Next();
                break;
            case "--task-seconds":
                options.TaskDuration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture));
                break;
            case "--estimate-factor":
                options.EstimateFactor = double.Parse(Next(), CultureInfo.InvariantCulture);
                break;
            case "--balance":
                options.StartingBalance = decimal.Parse(Next(), CultureInfo.InvariantCulture);
                break;
            case "--fault":
                var rules = Next();
                _ = FaultRule.ParseList(rules); // fail fast on a typo
                options.Faults.Add(rules);
                break;
            case "--model":
                var change = Next();
                _ = new Seedance.Sandbox.Models.SandboxModels([change]); // fail fast on a typo
                options.ModelChanges.Add(change);
                break;
            case "--object-submit-shape":
                options.ObjectSubmitShape = true;
                break;
            case "--allow-remote":
                options.AllowNonLoopback = true;
                break;
            case "--verbose":
                options.ConfigureLogging = logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information);
                break;
            case "-h" or "--help":
                Console.WriteLine("""
                    Seedance sandbox: a local stand-in for the APIMart Seedance API.
                      --urls URL             where to listen (default http://127.0.0.1:5178; port 0 picks one)
                      --api-key TOKEN        the bearer token to accept (default sk-sandbox-local)
                      --task-seconds N       how long a task takes (default 6)
                      --estimate-factor F    estimated_time as a multiple of the real duration (default 1)
                      --balance USD          starting balance (default 100)
                      --fault RULES          faults for this run, e.g. "status/429:2*3,submit/drop" (repeatable);
                                             result files: "files/throttle:262144", files/stall, files/html, files/empty,
                                             files/redirect-file; any endpoint: echo-key[:STATUS]; model facts:
                                             models/500, models/malformed, models/drop, models/latency:MS
                      --model CHANGE         change the models served (repeatable), e.g. "doubao-seedance-2.0:max_duration=12",
                                             "+seedance-3.0:resolutions=720p|1080p;max_duration=20;price_720p=0.3",
                                             "seedance-2.5:id=doubao-seedance-2.5"; POST /_sandbox/models takes the same lines
                      --object-submit-shape  answer submits as data:{id} instead of data:[{task_id}]
                      --allow-remote         allow binding a non-loopback address
                      --verbose              log requests to the console
                    Per request, the header X-Sandbox-Fault takes the same rules.
                    """);
                return 0;
            default:
                throw new ArgumentException($"unknown option '{arg}' (see --help).");
        }
    }

    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };

    await using var sandbox = await SeedanceSandbox.StartAsync(options, stop.Token);
    Console.WriteLine($"Seedance sandbox listening on {sandbox.BaseUrl}");
    Console.WriteLine($"  SEEDANCE_BASE_URL={sandbox.BaseUrl.AbsoluteUri.TrimEnd('/')}");
    Console.WriteLine($"  SEEDANCE_API_KEY={sandbox.ApiKey}");
    Console.WriteLine("Press Ctrl+C to stop.");
    await sandbox.WaitForShutdownAsync(stop.Token);
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or FormatException or IOException)
{
    await Console.Error.WriteLineAsync($"seedance-sandbox: {ex.Message}");
    return 2;
}
