import './base.css';
import './experiments.css';
