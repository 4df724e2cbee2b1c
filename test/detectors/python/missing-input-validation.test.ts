import detector from '../../../detectors/python/missing-input-validation.js';
import { describeDetector } from '../../helpers/detector-cases.js';

const flask = 'from flask import request\n\n';

describeDetector(detector, {
  flags: [
    { code: `${flask}@app.post("/signup")\ndef signup():\n    data = request.get_json()\n    return create_user(data["email"], data["password"])\n`, line: 6, message: '`data["email"]`, `data["password"]` are used in the view `signup`' },
    { code: '@app.post("/items")\nasync def create_item(payload: dict):\n    return await save(payload["name"], payload.get("price"))\n', line: 3, message: '`payload.get("price")`' },
    { code: `${flask}@bp.route("/orders", methods=["POST"])\ndef order():\n    qty = request.json["quantity"]\n    return place(qty)\n`, line: 5, message: '`request.json["quantity"]`' },
    { code: `${flask}@app.put("/profile")\ndef profile():\n    name = request.get_json().get("name")\n    db.save(name)\n    return "", 204\n`, line: 5 },
    { code: '@router.patch("/users/{uid}")\nasync def patch_user(uid: int, changes: Dict[str, Any]):\n    await repo.rename(uid, changes["name"])\n', line: 3 },
    { code: `${flask}class Orders(MethodView):\n    def post(self):\n        body = request.json\n        return place(body["sku"], body["qty"])\n`, line: 6 },
    { code: `from flask import request as req\n\n@app.post("/x")\ndef x():\n    data = req.get_json(force=True)\n    if not data:\n        abort(400)\n    return str(data["n"] * 2)\n`, line: 8, note: 'a presence check is not a schema' },
    { code: '@app.post("/items")\nasync def create_item(payload: dict[str, object] = Body(...)):\n    return {"name": payload["name"]}\n', line: 3 },
  ],
  ignores: [
    `${flask}@app.post("/signup")\ndef signup():\n    data = SignupSchema().load(request.get_json())\n    return create_user(data["email"], data["password"])\n`,
    '@app.post("/items")\nasync def create_item(item: Item):\n    return await save(item.name, item.price)\n',
    { code: `${flask}@app.post("/signup")\ndef signup():\n    data = request.get_json()\n    user = User.model_validate(data)\n    return create_user(user.email, data["email"])\n`, note: 'validated first' },
    { code: `${flask}@app.post("/signup")\ndef signup():\n    data = request.get_json()\n    return create_user(**data)\n`, note: 'the whole body is passed on' },
    { code: `${flask}@app.post("/signup")\ndef signup():\n    data = request.get_json()\n    user = Signup(**data)\n    return create_user(data["email"])\n`, note: 'a pydantic model built from it' },
    { code: `${flask}def helper():\n    return request.json["x"]\n`, note: 'not a view' },
    { code: '@app.get("/items")\nasync def items(filters: dict = Depends(common_filters)):\n    return await search(filters["q"])\n', note: 'an injected dependency' },
    { code: `@app.post("/x")\ndef x(request):\n    return request.json["x"]\n`, note: 'request is not flask.request' },
    { code: `${flask}@app.post("/x")\ndef x():\n    data = request.get_json()\n    if not isinstance(data.get("n"), int):\n        abort(400)\n    return str(data["n"] * 2)\n` },
    { code: `${flask}@app.post("/x")\ndef x():\n    data = request.get_json()\n    errors = validator.validate(data)\n    return str(data["n"])\n` },
  ],
});
