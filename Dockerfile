# pcn-atlas: build with Maven, run the jar on a JRE.
#   docker build -t pcn-atlas .
#   docker run --rm -p 7070:7070 pcn-atlas            # serves the demo on 0.0.0.0:7070; map at /map
#   docker run --rm -v $PWD/out:/out pcn-atlas analyse --out /out   # the demo analysis
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY geodata ./geodata
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/pcn-atlas.jar /app/pcn-atlas.jar
COPY geodata /app/geodata
EXPOSE 7070
# the embedded scenario store (SQLite); give --store postgresql://... for a shared PostGIS instead,
# and PCN_ATLAS_WRITE_TOKEN for the token scenario writes need
VOLUME /data
ENTRYPOINT ["java", "-jar", "/app/pcn-atlas.jar"]
CMD ["serve", "--host", "0.0.0.0", "--port", "7070", "--data-dir", "/data"]
