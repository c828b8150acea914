package dev.provgraph.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs Neo4j Community in this JVM with Bolt on 127.0.0.1 and auth off (loopback only).
 *
 * <p>Arguments: {@code --home DIR} (data directory), {@code --port N} (0: any free port),
 * {@code --pagecache SIZE} (e.g. 256m). When the database is ready it prints exactly one line,
 * {@code PROVGRAPH_NEO4J_READY bolt://127.0.0.1:<port>}. It shuts down cleanly on SIGTERM, and
 * when its standard input closes (the parent process died), so it never outlives its parent.
 */
public final class EmbeddedNeo4j {
  private static final String LOG_CONFIG =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<Configuration status=\"ERROR\"><Appenders>"
          + "<RollingRandomAccessFile name=\"log\" fileName=\"${config:server.directories.logs}/debug.log\""
          + " filePattern=\"${config:server.directories.logs}/debug.log.%i\">"
          + "<Neo4jDebugLogLayout pattern=\"%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p [%c{1.}] %m%n\"/>"
          + "<Policies><SizeBasedTriggeringPolicy size=\"20 MB\"/></Policies>"
          + "<DefaultRolloverStrategy fileIndex=\"min\" max=\"3\"/></RollingRandomAccessFile></Appenders>"
          + "<Loggers><Root level=\"WARN\"><AppenderRef ref=\"log\"/></Root></Loggers></Configuration>\n";

  private EmbeddedNeo4j() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = parse(args);
    Path home = Path.of(options.getOrDefault("--home", ".provgraph/neo4j")).toAbsolutePath();
    int port = Integer.parseInt(options.getOrDefault("--port", "0"));
    long pageCache = ByteUnit.parse(options.getOrDefault("--pagecache", "256m"));

    Files.createDirectories(home);
    Path logConfig = home.resolve("server-logs.xml");
    Files.writeString(logConfig, LOG_CONFIG);

    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
            .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
            .setConfig(GraphDatabaseSettings.server_logging_config_path, logConfig)
            .setConfig(GraphDatabaseSettings.lock_acquisition_timeout, Duration.ofSeconds(10))
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(2))
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "neo4j-shutdown"));

    GraphDatabaseAPI db = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    int bound =
        db.getDependencyResolver()
            .resolveDependency(ConnectorPortRegister.class)
            .getLocalAddress(ConnectorType.BOLT)
            .getPort();
    System.out.println("PROVGRAPH_NEO4J_READY bolt://127.0.0.1:" + bound);
    System.out.flush();

    Thread watchdog = new Thread(EmbeddedNeo4j::exitWhenStdinCloses, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private static void exitWhenStdinCloses() {
    try (InputStream in = System.in) {
      byte[] buffer = new byte[256];
      while (in.read(buffer) >= 0) {
        // the parent never writes; reading only waits for end of file
      }
    } catch (IOException ignored) {
      // a broken pipe means the parent is gone too
    }
    System.exit(0);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) options.put(args[i], args[i + 1]);
    return options;
  }
}
