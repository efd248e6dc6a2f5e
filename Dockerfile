# chansim as a container: the simulators (default command) or the scenario runner.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY simulators ./simulators
COPY harness ./harness
COPY specs ./specs
COPY scenarios ./scenarios
COPY compose ./compose
RUN pip install --no-cache-dir .
# The installed package finds the contracts here (they are not Python package data).
ENV CHANSIM_SPECS=/app/specs
EXPOSE 8101
# --host 0.0.0.0: reachable from the other services of the compose network.
CMD ["chansim", "serve", "--host", "0.0.0.0"]
