# Herald on Open Liberty, for users who deploy with containers. Build the WAR first: mvn -DskipTests package
# Point it at your Kafka and PostgreSQL and identity provider with environment variables (docs/deploying.md).
FROM openliberty/open-liberty:kernel-slim-java17-openj9-ubi
COPY --chown=1001:0 src/main/liberty/config/ /config/
RUN features.sh
COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/jdbc/ /opt/ol/wlp/usr/shared/resources/jdbc/
COPY --chown=1001:0 target/herald.war /config/apps/
ENV HERALD_HTTP_HOST=*
# Liberty's default keystore (HTTPS) is opened with HERALD_KEYSTORE_PASSWORD: a random one per image
RUN echo "HERALD_KEYSTORE_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" >> /config/server.env
EXPOSE 9080 9443
RUN configure.sh
