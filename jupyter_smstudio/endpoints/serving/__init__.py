"""The model server of one endpoint instance: SageMaker's inference container contract (`GET /ping`,
`POST /invocations`, `SAGEMAKER_PROGRAM` in `SAGEMAKER_SUBMIT_DIRECTORY`, the model in `SM_MODEL_DIR`), with
the entry-point functions of SageMaker's framework containers (`model_fn`, `input_fn`, `predict_fn`,
`output_fn`) and their defaults for CSV, JSON and NPY. The Endpoints room starts one process per instance."""

# the header that carries an instance's token from the router (app.py)
TOKEN_HEADER = "X-Smstudio-Instance-Token"
